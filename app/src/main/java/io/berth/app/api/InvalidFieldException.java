package io.berth.app.api;

/**
 * A well-formed request body whose field breaks a rule: 422 naming the field, in the same shape as manifest
 * errors. Handled by the controllers that throw it (the shared handler would answer 500).
 */
class InvalidFieldException extends RuntimeException {

    private final String field;

    InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
