package io.berth.app.security.oidc;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Builds the real decoder on the first token rather than at start, so that Berth starts (and keeps serving API
 * tokens) while the provider is down. A failed build is retried on a token that comes {@link #RETRY_AFTER} or more
 * later; in between tokens are refused at once instead of each waiting for the provider's timeouts.
 */
final class LazyJwtDecoder implements JwtDecoder {

    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final Supplier<JwtDecoder> factory;
    private final Clock clock;
    private volatile JwtDecoder decoder;
    private Instant failedAt;
    private String failure;

    LazyJwtDecoder(Supplier<JwtDecoder> factory, Clock clock) {
        this.factory = factory;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        JwtDecoder built = decoder;
        return (built != null ? built : build()).decode(token);
    }

    /** One token at a time asks the provider; the others wait for its answer rather than ask too. */
    private synchronized JwtDecoder build() {
        if (decoder != null) {
            return decoder;
        }
        Instant now = clock.instant();
        if (failedAt != null && now.isBefore(failedAt.plus(RETRY_AFTER))) {
            throw new ProviderUnavailableException(failure);
        }
        try {
            decoder = factory.get();
            failedAt = null;
            return decoder;
        } catch (RuntimeException e) {
            failedAt = now;
            failure = e.getMessage();
            throw new ProviderUnavailableException(failure);
        }
    }

    /** The provider's configuration could not be discovered; the message says why (never a token). */
    static final class ProviderUnavailableException extends JwtException {
        ProviderUnavailableException(String reason) {
            super("the OIDC provider could not be discovered: " + reason);
        }
    }
}
