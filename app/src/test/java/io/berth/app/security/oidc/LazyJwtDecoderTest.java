package io.berth.app.security.oidc;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The provider is asked when the first token comes, not again while it is known down, and again after a while. */
class LazyJwtDecoderTest {

    private static final Jwt JWT = Jwt.withTokenValue("t").header("alg", "RS256").claim("sub", "alice").build();

    @Test
    void aFailedDiscoveryIsRetriedOnlyAfterTheRetryInterval() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
        AtomicInteger attempts = new AtomicInteger();
        JwtDecoder working = token -> JWT;
        LazyJwtDecoder lazy = new LazyJwtDecoder(() -> {
            if (attempts.incrementAndGet() < 2) {
                throw new IllegalStateException("connection refused");
            }
            return working;
        }, clock);
        assertThat(attempts.get()).as("nothing asked before the first token").isZero();

        assertThatThrownBy(() -> lazy.decode("t")).hasMessageContaining("connection refused");
        clock.advance(LazyJwtDecoder.RETRY_AFTER.minus(Duration.ofMillis(1)));
        assertThatThrownBy(() -> lazy.decode("t")).hasMessageContaining("connection refused");
        assertThat(attempts.get()).as("not asked again within the retry interval").isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(lazy.decode("t")).isSameAs(JWT);
        assertThat(lazy.decode("t")).isSameAs(JWT);
        assertThat(attempts.get()).as("built once, then kept").isEqualTo(2);
    }
}
