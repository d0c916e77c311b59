package io.berth.app.security.oidc;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Bearer JWTs from an OpenID Connect provider ({@code berth.security.oidc.*}); see docs/configuration.md.
 *
 * @param issuerUri      the provider's issuer; its {@code /.well-known/openid-configuration} names the keys, and
 *                       every token's {@code iss} must equal it
 * @param jwkSetUri      the provider's key set, directly (no discovery); with an issuer too, the issuer is still
 *                       checked
 * @param audience       when set, every token's {@code aud} must contain it
 * @param usernameClaim  the claim that names the person ({@code sub}, {@code preferred_username}, {@code email})
 * @param groupsClaim    the claim that lists the person's groups (a list of strings, or one string)
 * @param groupRoles     group → role names; a token whose groups map to no role authenticates but may do nothing
 * @param groupClusters  group → the clusters its roles are limited to; a group without an entry is not limited
 * @param algorithms     the signature algorithms accepted (asymmetric only)
 * @param connectTimeout bound on connecting to the provider (discovery, keys)
 * @param readTimeout    bound on reading the provider's answer
 */
@ConfigurationProperties("berth.security.oidc")
public record OidcProperties(String issuerUri, String jwkSetUri, String audience,
                             @DefaultValue("sub") String usernameClaim,
                             @DefaultValue("groups") String groupsClaim,
                             Map<String, List<String>> groupRoles,
                             Map<String, List<String>> groupClusters,
                             @DefaultValue("RS256") List<String> algorithms,
                             @DefaultValue("5s") Duration connectTimeout,
                             @DefaultValue("5s") Duration readTimeout) {

    public OidcProperties {
        groupRoles = groupRoles == null ? Map.of() : Map.copyOf(groupRoles);
        groupClusters = groupClusters == null ? Map.of() : Map.copyOf(groupClusters);
        algorithms = algorithms == null || algorithms.isEmpty() ? List.of("RS256") : List.copyOf(algorithms);
        usernameClaim = blankTo(usernameClaim, "sub");
        groupsClaim = blankTo(groupsClaim, "groups");
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
