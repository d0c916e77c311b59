package io.berth.app.security;

import io.berth.app.BerthProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the bearer token check in front of the API, and by default in front of the metrics and the API
 * description too: both tell a visitor what Berth drives (engine endpoints, every path). Health stays open
 * for probes and load balancers.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String API_PATTERN = "/v1/*";
    static final String METRICS_PATTERN = "/actuator/prometheus";
    /** A servlet pattern {@code /x/*} covers {@code /x} itself too. */
    static final List<String> DOCS_PATTERNS = List.of("/v3/api-docs/*", "/swagger-ui/*", "/swagger-ui.html");

    @Bean
    FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(SecurityProperties security, ApiProperties api,
                                                                BerthProperties berth, JsonMapper jsonMapper) {
        String token = new AdminTokenStore(new SecureRandom()).resolve(security.adminToken(), berth.dataDir());
        FilterRegistrationBean<BearerTokenFilter> registration =
                new FilterRegistrationBean<>(new BearerTokenFilter(token, jsonMapper));
        registration.setUrlPatterns(protectedPatterns(api));
        // Before anything else looks at the request (and before any body is read).
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
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
