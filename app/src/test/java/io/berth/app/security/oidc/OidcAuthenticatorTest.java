package io.berth.app.security.oidc;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.berth.app.security.identity.BadCredentialsException;
import io.berth.app.security.identity.Caller;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletRequest;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OIDC authenticator against a provider served in the test (real RSA key, real JWKS and discovery over HTTP):
 * what it accepts, what it refuses with which reason, and what it leaves to other authenticators.
 */
class OidcAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String AUDIENCE = "berth";
    private static final Map<String, List<String>> GROUP_ROLES =
            Map.of("platform-team", List.of("admin"), "ci", List.of("deployer"), "auditors", List.of("viewer"));
    private static final Map<String, List<String>> GROUP_CLUSTERS = Map.of("ci", List.of("prod"));

    private static LocalOidcProvider provider;
    private static RSAKey otherKey;
    private static OidcAuthenticator authenticator;

    @BeforeAll
    static void startProvider() throws IOException {
        provider = new LocalOidcProvider(LocalOidcProvider.newKey("berth-test"));
        otherKey = LocalOidcProvider.newKey("berth-test");
        authenticator = OidcConfiguration.create(properties(provider.issuer, null, "preferred_username"), CLOCK);
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    static OidcProperties properties(String issuer, String jwkSetUri, String usernameClaim) {
        return new OidcProperties(issuer, jwkSetUri, AUDIENCE, usernameClaim, "groups", GROUP_ROLES, GROUP_CLUSTERS,
                List.of("RS256"), Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    /** What a Keycloak access token for a person carries, valid for five minutes around {@link #NOW}. */
    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer(provider.issuer)
                .audience(List.of(AUDIENCE, "account"))
                .subject("0b5d6f0e-1c57-4c1c-9a53-2f1f3f0f6b2a")
                .claim("preferred_username", "alice")
                .claim("groups", List.of("ci", "unrelated"))
                .issueTime(Date.from(NOW.minusSeconds(60)))
                .expirationTime(Date.from(NOW.plusSeconds(240)));
    }

    private static MockHttpServletRequest bearer(String token) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/clusters");
        request.addHeader("Authorization", "Bearer " + token);
        return request;
    }

    @Test
    void aValidTokenGivesTheCallerItsGroupsRolesAndClusters() {
        Caller caller = authenticator.authenticate(bearer(provider.sign(claims().build()))).orElseThrow();

        assertThat(caller.name()).isEqualTo("oidc:alice");
        assertThat(caller.source()).isEqualTo(Caller.Source.OIDC);
        assertThat(caller.roles()).containsExactly("deployer");
        assertThat(caller.clusters()).containsExactly("prod");
    }

    @Test
    void groupsAddUpAndAnUnlimitedGroupLiftsTheClusterLimit() {
        Caller caller = authenticator.authenticate(bearer(provider.sign(
                claims().claim("groups", List.of("ci", "platform-team")).build()))).orElseThrow();

        assertThat(caller.roles()).containsExactlyInAnyOrder("deployer", "admin");
        assertThat(caller.allClusters()).isTrue();
    }

    @Test
    void aSingleGroupAsAStringCounts() {
        Caller caller = authenticator.authenticate(bearer(provider.sign(
                claims().claim("groups", "auditors").build()))).orElseThrow();

        assertThat(caller.roles()).containsExactly("viewer");
        assertThat(caller.allClusters()).isTrue();
    }

    @Test
    void aTokenWhoseGroupsMapToNoRoleAuthenticatesWithoutRoles() {
        Caller unmapped = authenticator.authenticate(bearer(provider.sign(
                claims().claim("groups", List.of("marketing")).build()))).orElseThrow();
        Caller groupless = authenticator.authenticate(bearer(provider.sign(
                claims().claim("groups", null).build()))).orElseThrow();

        assertThat(unmapped.name()).isEqualTo("oidc:alice");
        assertThat(unmapped.roles()).isEmpty();
        assertThat(groupless.roles()).isEmpty();
    }

    @Test
    void theUsernameClaimNamesTheCaller() {
        OidcAuthenticator bySubject = OidcConfiguration.create(properties(provider.issuer, null, "sub"), CLOCK);

        Caller caller = bySubject.authenticate(bearer(provider.sign(claims().build()))).orElseThrow();

        assertThat(caller.name()).isEqualTo("oidc:0b5d6f0e-1c57-4c1c-9a53-2f1f3f0f6b2a");
    }

    @Test
    void aKeySetGivenDirectlyNeedsNoDiscovery() {
        int discoveries = provider.discoveryRequests.get();
        OidcAuthenticator direct = OidcConfiguration.create(
                properties(provider.issuer, provider.jwkSetUri(), "preferred_username"), CLOCK);

        assertThat(direct.authenticate(bearer(provider.sign(claims().build())))).isPresent();
        assertThat(provider.discoveryRequests.get()).isEqualTo(discoveries);
    }

    @Test
    void theProviderIsAskedOnTheFirstTokenAndItsKeysAreCached() throws IOException {
        try (LocalOidcProvider own = new LocalOidcProvider(provider.key)) {
            OidcAuthenticator lazy = OidcConfiguration.create(properties(own.issuer, null, "preferred_username"),
                    CLOCK);
            assertThat(own.discoveryRequests.get()).as("discovery before any token").isZero();

            for (int i = 0; i < 3; i++) {
                assertThat(lazy.authenticate(bearer(own.sign(claims().issuer(own.issuer).build())))).isPresent();
            }

            assertThat(own.discoveryRequests.get()).isEqualTo(1);
            assertThat(own.keyRequests.get()).isEqualTo(1);
        }
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of("signed by another key", (Function<JWTClaimsSet, String>)
                        c -> LocalOidcProvider.sign(otherKey, c), "signature"),
                Arguments.of("signed by an unknown key id", (Function<JWTClaimsSet, String>)
                        c -> LocalOidcProvider.sign(LocalOidcProvider.newKey("rotated-away"), c), "key"),
                Arguments.of("alg none", (Function<JWTClaimsSet, String>) LocalOidcProvider::unsigned, "none"),
                Arguments.of("HS256 with a chosen secret", (Function<JWTClaimsSet, String>)
                        LocalOidcProvider::signWithSecret, "rejected"),
                Arguments.of("garbage after a JOSE header", (Function<JWTClaimsSet, String>)
                        c -> "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2lnbmF0dXJl", "rejected"),
                Arguments.of("a signature cut off", (Function<JWTClaimsSet, String>)
                        c -> cutSignature(provider.sign(c)), "rejected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aTokenThatDoesNotVerifyIsRefused(String what, Function<JWTClaimsSet, String> token, String reason) {
        assertRefused(token.apply(claims().build()), reason);
    }

    static Stream<Arguments> refusedClaims() {
        return Stream.of(
                Arguments.of("wrong issuer", claims().issuer("https://evil.example/realms/berth"), "iss"),
                Arguments.of("wrong audience", claims().audience("another-client"), "aud"),
                Arguments.of("no audience", claims().audience((String) null), "aud"),
                Arguments.of("expired beyond the 60 s skew", claims().issueTime(Date.from(NOW.minusSeconds(600)))
                        .expirationTime(Date.from(NOW.minusSeconds(61))),
                        "expired"),
                Arguments.of("not valid yet", claims().notBeforeTime(Date.from(NOW.plusSeconds(120))), "before"),
                Arguments.of("no expiry", claims().expirationTime(null), "exp"),
                Arguments.of("no username claim", claims().claim("preferred_username", null), "preferred_username"),
                Arguments.of("a username on two lines", claims().claim("preferred_username", "alice\nbob"),
                        "control characters"),
                Arguments.of("a username too long", claims().claim("preferred_username", "a".repeat(257)),
                        "longer than 256"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedClaims")
    void aTokenWithWrongClaimsIsRefused(String what, JWTClaimsSet.Builder claims, String reason) {
        assertRefused(provider.sign(claims.build()), reason);
    }

    @Test
    void expiryWithinTheClockSkewIsTolerated() {
        String token = provider.sign(claims().issueTime(Date.from(NOW.minusSeconds(600)))
                .expirationTime(Date.from(NOW.minusSeconds(59))).build());

        assertThat(authenticator.authenticate(bearer(token))).isPresent();
    }

    @Test
    void requestsWithoutAJwtAreLeftToTheOtherAuthenticators() {
        MockHttpServletRequest none = new MockHttpServletRequest("GET", "/v1/clusters");
        MockHttpServletRequest basic = new MockHttpServletRequest("GET", "/v1/clusters");
        basic.addHeader("Authorization", "Basic YWxpY2U6c2VjcmV0");

        assertThat(authenticator.authenticate(none)).isEmpty();
        assertThat(authenticator.authenticate(basic)).isEmpty();
        for (String token : List.of("berth_0123456789abcdefghijklmnopqrstuv", "an-admin-token-of-at-least-32-chars",
                "three.dotted.parts", "a.b.c.d.e")) {
            assertThat(authenticator.authenticate(bearer(token))).as(token).isEqualTo(Optional.empty());
        }
    }

    @Test
    void anUnreachableProviderRefusesTokensAndKeepsRefusingUntilItIsAskedAgain() throws IOException {
        MutableClock clock = new MutableClock(NOW);
        String issuer;
        String token;
        try (LocalOidcProvider gone = new LocalOidcProvider(provider.key)) {
            issuer = gone.issuer;
            token = gone.sign(claims().issuer(issuer).build());
        }
        OidcAuthenticator unreachable = OidcConfiguration.create(properties(issuer, null, "preferred_username"), clock);

        assertRefused(unreachable, token, "could not be discovered");
        assertThatThrownBy(() -> unreachable.authenticate(bearer(token))).hasMessageNotContaining("null");
        clock.advance(LazyJwtDecoder.RETRY_AFTER.minusSeconds(1));
        assertRefused(unreachable, token, "could not be discovered");
    }

    @Test
    void discoveryRefusesADocumentThatSpeaksForAnotherIssuer() throws IOException {
        try (LocalOidcProvider own = new LocalOidcProvider(provider.key)) {
            // The configured issuer differs from the document's only by a trailing slash: still not the same issuer.
            OidcAuthenticator mismatched = OidcConfiguration.create(
                    properties(own.issuer + "/", null, "preferred_username"), CLOCK);

            assertRefused(mismatched, own.sign(claims().issuer(own.issuer).build()), "names issuer");
        }
    }

    private static void assertRefused(String token, String reason) {
        assertRefused(authenticator, token, reason);
    }

    private static void assertRefused(OidcAuthenticator authenticator, String token, String reason) {
        assertThatThrownBy(() -> authenticator.authenticate(bearer(token)))
                .isInstanceOf(BadCredentialsException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> {
                    for (String part : token.split("\\.")) {
                        if (!part.isEmpty()) {
                            assertThat(e.getMessage()).as("the message quotes no part of the token")
                                    .doesNotContain(part);
                        }
                    }
                });
    }

    private static String cutSignature(String token) {
        int signature = token.lastIndexOf('.') + 1;
        return token.substring(0, signature + 20);
    }
}
