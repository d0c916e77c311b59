package io.berth.app.security.oidc;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** OIDC is on when an issuer or a key set is configured; with neither there is no authenticator bean at all. */
final class OidcConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return OidcProperties.hasText(context.getEnvironment().getProperty("berth.security.oidc.issuer-uri"))
                || OidcProperties.hasText(context.getEnvironment().getProperty("berth.security.oidc.jwk-set-uri"));
    }
}
