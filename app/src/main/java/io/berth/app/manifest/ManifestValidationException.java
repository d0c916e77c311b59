package io.berth.app.manifest;

import java.util.List;

/** The manifest is well-formed but some fields break the rules. Maps to HTTP 422. */
public class ManifestValidationException extends RuntimeException {

    private final List<FieldError> errors;

    public ManifestValidationException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        return errors.size() == 1 ? "1 invalid field" : errors.size() + " invalid fields";
    }
}
