package io.berth.app.security.tokens;

import io.berth.app.security.identity.Authenticator;
import io.berth.app.security.identity.BadCredentialsException;
import io.berth.app.security.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises {@code Authorization: Bearer berth_...}. Looks the token up on every request, so that a revocation
 * takes effect at once, on every Berth process sharing the database.
 */
@Component
public class ApiTokenAuthenticator implements Authenticator, Ordered {

    /** After the bootstrap admin token, before any other kind of credential. */
    public static final int ORDER = 10;
    private static final String SCHEME = "Bearer ";

    private final TokenStore store;
    private final Clock clock;

    public ApiTokenAuthenticator(TokenStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Optional<Caller> authenticate(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String secret = header.substring(SCHEME.length()).strip();
        if (!secret.startsWith(TokenSecrets.PREFIX)) {
            return Optional.empty();
        }
        ApiToken token = store.findByHash(TokenSecrets.hash(secret))
                .orElseThrow(() -> new BadCredentialsException("unknown API token"));
        Instant now = clock.instant();
        if (token.revokedAt() != null) {
            throw new BadCredentialsException("token '" + token.name() + "' was revoked at " + token.revokedAt());
        }
        if (token.expired(now)) {
            throw new BadCredentialsException("token '" + token.name() + "' expired at " + token.expiresAt());
        }
        store.touch(token, now);
        return Optional.of(new Caller(token.name(), Caller.Source.TOKEN, Set.of(token.role()), token.clusters()));
    }
}
