package io.berth.app.security.identity;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/**
 * One kind of credential. Authentication asks each authenticator in turn; the first that recognises the
 * request decides.
 */
public interface Authenticator {

    /**
     * @return the caller when the request carries a valid credential of this kind; empty when it carries none
     *         of this kind (the next authenticator is asked)
     * @throws BadCredentialsException when it carries one of this kind that is invalid, expired or revoked
     *         (answered 401 with the exception's message, which must never contain the credential)
     */
    Optional<Caller> authenticate(HttpServletRequest request);
}
