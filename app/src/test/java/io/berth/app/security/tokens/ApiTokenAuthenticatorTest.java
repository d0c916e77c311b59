package io.berth.app.security.tokens;

import io.berth.app.security.identity.BadCredentialsException;
import io.berth.app.security.identity.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expiry, revocation and the lastUsedAt throttle, with a fixed clock and the store's reads faked. */
class ApiTokenAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final String SECRET = "berth_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private final List<Instant> touches = new ArrayList<>();
    private ApiToken stored = token(null, null, null);

    private final TokenStore store = new TokenStore(null) {
        @Override
        public Optional<ApiToken> findByHash(byte[] hash) {
            return Arrays.equals(hash, TokenSecrets.hash(SECRET)) ? Optional.of(stored) : Optional.empty();
        }

        @Override
        public void touch(ApiToken token, Instant now) {
            touches.add(now);
        }
    };

    private static ApiToken token(Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
        return new ApiToken("ci", "deployer", Set.of("prod"), "admin", NOW.minus(Duration.ofDays(1)), expiresAt,
                lastUsedAt, revokedAt);
    }

    private Optional<Caller> authenticate(String authorization, Instant now) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/clusters");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return new ApiTokenAuthenticator(store, Clock.fixed(now, ZoneOffset.UTC)).authenticate(request);
    }

    @Test
    void aValidTokenIsItsNameRoleAndClusters() {
        assertThat(authenticate("Bearer " + SECRET, NOW))
                .contains(new Caller("ci", Caller.Source.TOKEN, Set.of("deployer"), Set.of("prod")));
        assertThat(touches).containsExactly(NOW);
    }

    @Test
    void otherCredentialsAreLeftToTheNextAuthenticator() {
        assertThat(authenticate(null, NOW)).isEmpty();
        assertThat(authenticate("Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig", NOW)).isEmpty();
        assertThat(authenticate("Basic YWRtaW46YWRtaW4=", NOW)).isEmpty();
    }

    @Test
    void anUnknownTokenIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> authenticate("Bearer berth_nottherightone", NOW))
                .isInstanceOf(BadCredentialsException.class).hasMessage("unknown API token");
    }

    @Test
    void expiresAtItsExpiryInstant() {
        stored = token(NOW.plusSeconds(1), null, null);
        assertThat(authenticate("Bearer " + SECRET, NOW)).isPresent();
        assertThatThrownBy(() -> authenticate("Bearer " + SECRET, NOW.plusSeconds(1)))
                .isInstanceOf(BadCredentialsException.class)
                .hasMessage("token 'ci' expired at 2026-12-07T12:00:01Z");
    }

    @Test
    void aRevokedTokenSaysSo() {
        stored = token(null, null, NOW.minusSeconds(5));
        assertThatThrownBy(() -> authenticate("Bearer " + SECRET, NOW))
                .isInstanceOf(BadCredentialsException.class)
                .hasMessage("token 'ci' was revoked at 2026-12-07T11:59:55Z")
                .message().doesNotContain(SECRET);
        assertThat(touches).isEmpty();
    }

    @Test
    void expiryIsParsedAndBounded() {
        assertThat(TokenService.expiresAt("90d", NOW)).isEqualTo(NOW.plus(Duration.ofDays(90)));
        assertThat(TokenService.expiresAt("12h", NOW)).isEqualTo(NOW.plus(Duration.ofHours(12)));
        assertThat(TokenService.expiresAt(null, NOW)).isNull();
        for (String bad : List.of("0d", "3651d", "1w", "-1d", "soon")) {
            assertThatThrownBy(() -> TokenService.expiresAt(bad, NOW))
                    .isInstanceOf(InvalidTokenRequestException.class).hasMessageContaining("expiresIn");
        }
    }
}
