package io.berth.app.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * Mutable collector of {@link FieldError}s for one parse. Readers and validators report into the same
 * collector so the user sees every problem at once.
 *
 * <p>A field whose value could not be read is replaced by a placeholder so that checking can go on; to keep
 * the placeholder from causing a second, misleading error, an error is dropped when the same field or one
 * of its ancestors has already been reported.
 */
public final class ErrorCollector {

    private final List<FieldError> errors = new ArrayList<>();

    public void reject(String path, String message) {
        for (FieldError existing : errors) {
            if (coveredBy(path, existing.path())) {
                return;
            }
        }
        errors.add(new FieldError(path, message));
    }

    /** How many errors were kept so far: a reader compares before and after to know whether its part was clean. */
    public int count() {
        return errors.size();
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public ValidationResult toResult() {
        return new ValidationResult(errors);
    }

    private static boolean coveredBy(String path, String reported) {
        if (!path.startsWith(reported)) {
            return false;
        }
        if (path.length() == reported.length()) {
            return true;
        }
        char next = path.charAt(reported.length());
        return next == '.' || next == '[';
    }
}
