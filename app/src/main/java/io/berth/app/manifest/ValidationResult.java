package io.berth.app.manifest;

import java.util.List;

/** The outcome of checking a manifest: every offending field, in document order. Empty = valid. */
public record ValidationResult(List<FieldError> errors) {

    public ValidationResult {
        errors = List.copyOf(errors);
    }

    public static ValidationResult valid() {
        return new ValidationResult(List.of());
    }

    public boolean isValid() {
        return errors.isEmpty();
    }
}
