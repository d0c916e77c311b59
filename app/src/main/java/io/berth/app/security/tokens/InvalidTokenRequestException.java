package io.berth.app.security.tokens;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A token request with a bad field; answered 422 with a message naming the field. */
public final class InvalidTokenRequestException extends ResponseStatusException {

    public InvalidTokenRequestException(String field, String message) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, field + ": " + message);
    }
}
