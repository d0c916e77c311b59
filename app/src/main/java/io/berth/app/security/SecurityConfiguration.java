package io.berth.app.security;

import io.berth.app.BerthProperties;
import io.berth.app.security.access.AccessPolicy;
import io.berth.app.security.access.RoleStore;
import io.berth.app.security.identity.Authenticator;
import io.berth.app.security.tokens.TokenSecrets;
import io.berth.app.security.tokens.TokenService;
import io.berth.app.security.tokens.TokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Puts authentication in front of the API, and by default in front of the metrics and the API description too:
 * both tell a visitor what Berth drives (engine endpoints, every path). Health stays open for probes and load
 * balancers. Authorization runs per route, once Spring MVC knows the route ({@link AuthorizationInterceptor}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration implements WebMvcConfigurer {

    static final String API_PATTERN = "/v1/*";
    static final String METRICS_PATTERN = "/actuator/prometheus";
    /** A servlet pattern {@code /x/*} covers {@code /x} itself too. */
    static final List<String> DOCS_PATTERNS = List.of("/v3/api-docs/*", "/swagger-ui/*", "/swagger-ui.html");

    private final ObjectProvider<AccessPolicy> policy;

    SecurityConfiguration(ObjectProvider<AccessPolicy> policy) {
        this.policy = policy;
    }

    @Bean
    AdminTokenAuthenticator adminTokenAuthenticator(SecurityProperties security, BerthProperties berth) {
        String token = new AdminTokenStore(new SecureRandom()).resolve(security.adminToken(), berth.dataDir());
        return new AdminTokenAuthenticator(token);
    }

    @Bean
    FilterRegistrationBean<AuthenticationFilter> authenticationFilter(ObjectProvider<Authenticator> authenticators,
                                                                      ApiProperties api, JsonMapper jsonMapper) {
        // Resolved on first use: every Authenticator bean, in order (admin token, API tokens, then the rest: beans
        // without an order come last).
        Supplier<List<Authenticator>> ordered = new Supplier<>() {
            private volatile List<Authenticator> list;

            @Override
            public List<Authenticator> get() {
                List<Authenticator> current = list;
                if (current == null) {
                    current = authenticators.orderedStream().toList();
                    list = current;
                }
                return current;
            }
        };
        FilterRegistrationBean<AuthenticationFilter> registration =
                new FilterRegistrationBean<>(new AuthenticationFilter(ordered, jsonMapper));
        registration.setUrlPatterns(protectedPatterns(api));
        // Before anything else looks at the request (and before any body is read).
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    AccessPolicy accessPolicy(RoleStore roles) {
        return new AccessPolicy(roles);
    }

    @Bean
    TokenService tokenService(TokenStore store, RoleStore roles, AccessPolicy policy, Clock clock) {
        return new TokenService(store, new TokenSecrets(new SecureRandom()), roles, policy, clock);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AuthorizationInterceptor(policy.getObject())).addPathPatterns("/v1/**");
    }

    static List<String> protectedPatterns(ApiProperties api) {
        List<String> patterns = new ArrayList<>(List.of(API_PATTERN));
        if (!api.openMetrics()) {
            patterns.add(METRICS_PATTERN);
        }
        if (!api.openDocs()) {
            patterns.addAll(DOCS_PATTERNS);
        }
        return patterns;
    }
}
