package io.berth.app.security.oidc;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the Spring Security / Nimbus decoder that checks a token: signature by one of the provider's keys with an
 * accepted algorithm (never {@code none}, never a shared secret), then expiry and not-before within
 * {@link #CLOCK_SKEW}, the issuer and the audience when configured.
 */
final class OidcJwtDecoders {

    /** Clocks of the provider and of Berth may differ by this much, and no more. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** A key set is a few kB; bounded so a wrong URL cannot fill the heap. */
    private static final int MAX_KEY_SET_BYTES = 512 * 1024;

    private OidcJwtDecoders() {
    }

    /** The algorithms accepted, checked once at start: a typo or a symmetric algorithm stops the start. */
    static Set<SignatureAlgorithm> algorithms(List<String> names) {
        Set<SignatureAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : names) {
            SignatureAlgorithm algorithm = SignatureAlgorithm.from(name.strip());
            if (algorithm == null) {
                throw new IllegalArgumentException("berth.security.oidc.algorithms: '" + name
                        + "' is not an asymmetric JWS algorithm (RS256, RS384, RS512, ES256, ES384, ES512, PS256, "
                        + "PS384, PS512)");
            }
            algorithms.add(algorithm);
        }
        return Set.copyOf(algorithms);
    }

    /** A decoder for tokens signed by the keys at {@code jwkSetUri}; fetches the keys on first use, then caches. */
    static JwtDecoder create(OidcProperties properties, String jwkSetUri, Clock clock) {
        JWKSource<SecurityContext> keys = JWKSourceBuilder
                .create(url(jwkSetUri), new DefaultResourceRetriever(
                        millis(properties.connectTimeout()), millis(properties.readTimeout()), MAX_KEY_SET_BYTES))
                // Nimbus's defaults otherwise: keys cached for minutes, refetched for an unknown key id (a key
                // rotation) at most every 30 s, so a stream of tokens with made-up key ids cannot flood the provider.
                .refreshAheadCache(false)
                // While the provider is unreachable, the keys last fetched keep verifying tokens (they are public
                // keys; a key the provider withdraws goes with the next successful fetch).
                .outageTolerant(true)
                .build();
        Set<SignatureAlgorithm> algorithms = algorithms(properties.algorithms());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
                .jwsAlgorithms(accepted -> accepted.addAll(algorithms))
                .build();
        decoder.setJwtValidator(validator(properties, clock));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(OidcProperties properties, Clock clock) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        // A token without an expiry would be good forever.
        timestamps.setAllowEmptyExpiryClaim(false);
        validators.add(timestamps);
        if (OidcProperties.hasText(properties.issuerUri())) {
            validators.add(new JwtIssuerValidator(properties.issuerUri().strip()));
        }
        if (OidcProperties.hasText(properties.audience())) {
            validators.add(new JwtAudienceValidator(properties.audience().strip()));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    private static URL url(String location) {
        try {
            return URI.create(location).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: '" + location + "'", e);
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }
}
