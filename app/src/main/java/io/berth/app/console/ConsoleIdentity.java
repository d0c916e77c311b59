package io.berth.app.console;

import io.berth.app.security.identity.Authenticator;
import io.berth.app.security.identity.BadCredentialsException;
import io.berth.app.security.identity.Caller;
import org.springframework.beans.factory.ObjectProvider;

import java.util.List;
import java.util.Optional;

/**
 * Who a token is, asked of the same authenticators as the API's (the bootstrap admin token, API tokens, OIDC), in
 * the same order: a console session is exactly as powerful as its token, and stops working when the token does.
 */
public class ConsoleIdentity {

    private final ObjectProvider<Authenticator> authenticators;
    private volatile List<Authenticator> ordered;

    public ConsoleIdentity(ObjectProvider<Authenticator> authenticators) {
        this.authenticators = authenticators;
    }

    /**
     * @return the caller; empty when no authenticator recognises the token
     * @throws BadCredentialsException when one finds it invalid, expired or revoked
     * @throws org.springframework.dao.DataAccessException when the database cannot be asked now
     */
    public Optional<Caller> resolve(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        var request = BearerOnlyRequest.of(token.strip());
        for (Authenticator authenticator : authenticators()) {
            Optional<Caller> caller = authenticator.authenticate(request);
            if (caller.isPresent()) {
                return caller;
            }
        }
        return Optional.empty();
    }

    private List<Authenticator> authenticators() {
        List<Authenticator> current = ordered;
        if (current == null) {
            current = authenticators.orderedStream().toList();
            ordered = current;
        }
        return current;
    }
}
