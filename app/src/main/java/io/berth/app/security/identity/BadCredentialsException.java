package io.berth.app.security.identity;

/** A credential of a known kind that does not prove who the caller is; answered 401. */
public final class BadCredentialsException extends RuntimeException {

    public BadCredentialsException(String message) {
        super(message, null, false, false);
    }
}
