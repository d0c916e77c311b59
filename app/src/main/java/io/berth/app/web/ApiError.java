package io.berth.app.web;

import java.util.List;

/**
 * The body of every error response of the API.
 *
 * @param status  the HTTP status code, repeated for clients that only look at the body
 * @param error   the status' reason phrase, e.g. "Unprocessable Entity"
 * @param message what went wrong, for humans
 * @param errors  one entry per offending field; empty when the error is not about fields
 */
public record ApiError(int status, String error, String message, List<FieldMessage> errors) {

    public ApiError {
        errors = List.copyOf(errors);
    }

    public record FieldMessage(String field, String message) {
    }
}
