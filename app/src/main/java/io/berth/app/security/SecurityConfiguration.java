package io.berth.app.security;

import io.berth.app.BerthProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

import java.security.SecureRandom;

/** Puts the bearer token check in front of the API. */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String API_PATTERN = "/v1/*";

    @Bean
    FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(SecurityProperties security, BerthProperties berth,
                                                                JsonMapper jsonMapper) {
        String token = new AdminTokenStore(new SecureRandom()).resolve(security.adminToken(), berth.dataDir());
        FilterRegistrationBean<BearerTokenFilter> registration =
                new FilterRegistrationBean<>(new BearerTokenFilter(token, jsonMapper));
        registration.addUrlPatterns(API_PATTERN);
        // Before anything else looks at the request (and before any body is read).
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
