package io.berth.app.security.oidc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The OIDC authenticator, when a provider is configured. Settings are checked here, at start, so that a typo
 * stops Berth with a message naming the setting instead of refusing every person later; the provider itself is
 * first asked on the first token ({@link LazyJwtDecoder}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OidcConfigured.class)
public class OidcConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OidcConfiguration.class);

    @Bean
    OidcAuthenticator oidcAuthenticator(OidcProperties properties, Clock clock) {
        return create(properties, clock);
    }

    static OidcAuthenticator create(OidcProperties properties, Clock clock) {
        GroupMapping groups = GroupMapping.of(properties.groupRoles(), properties.groupClusters());
        OidcJwtDecoders.algorithms(properties.algorithms());
        requireUrl("berth.security.oidc.issuer-uri", properties.issuerUri());
        requireUrl("berth.security.oidc.jwk-set-uri", properties.jwkSetUri());
        Supplier<JwtDecoder> decoder;
        if (OidcProperties.hasText(properties.jwkSetUri())) {
            String jwkSetUri = properties.jwkSetUri().strip();
            decoder = () -> OidcJwtDecoders.create(properties, jwkSetUri, clock);
        } else {
            String issuer = properties.issuerUri().strip();
            ProviderDiscovery discovery = new ProviderDiscovery(properties.connectTimeout(), properties.readTimeout());
            decoder = () -> OidcJwtDecoders.create(properties, discovery.jwkSetUri(issuer), clock);
        }
        if (!OidcProperties.hasText(properties.issuerUri()) && !OidcProperties.hasText(properties.audience())) {
            log.warn("berth.security.oidc: neither issuer-uri nor audience is set, so any token signed by the keys "
                    + "at {} is accepted, whatever client it was issued to", properties.jwkSetUri());
        }
        if (groups.isEmpty()) {
            log.warn("berth.security.oidc.group-roles is empty: people can sign in but hold no role (403)");
        }
        log.info("OIDC bearer tokens accepted from {} (user claim '{}', groups claim '{}')",
                OidcProperties.hasText(properties.issuerUri()) ? properties.issuerUri() : properties.jwkSetUri(),
                properties.usernameClaim(), properties.groupsClaim());
        return new OidcAuthenticator(new LazyJwtDecoder(decoder, clock), properties.usernameClaim(),
                properties.groupsClaim(), groups);
    }

    private static void requireUrl(String setting, String value) {
        if (!OidcProperties.hasText(value)) {
            return;
        }
        String url = value.strip();
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw new IllegalArgumentException(setting + ": '" + url + "' is not an http(s) URL");
        }
        try {
            URI.create(url).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new IllegalArgumentException(setting + ": '" + url + "' is not a URL: " + e.getMessage());
        }
    }
}
