package io.berth.app.security.access;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The caller is known but may not do this; answered 403 with a message naming what was missing. */
public final class AccessDeniedException extends ResponseStatusException {

    public AccessDeniedException(String message) {
        super(HttpStatus.FORBIDDEN, message);
    }

    @Override
    public String getMessage() {
        return getReason();
    }
}
