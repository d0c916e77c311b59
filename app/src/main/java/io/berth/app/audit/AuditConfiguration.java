package io.berth.app.audit;

import io.berth.app.web.ApiLimits;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import java.time.Clock;

/** The audit filter in front of everything under {@code /v1}. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    /** Before the body limit ({@code HIGHEST_PRECEDENCE + 1}) and authentication: their refusals are recorded. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    @Bean
    FilterRegistrationBean<AuditFilter> auditFilter(AuditRecorder recorder, Clock clock, AuditProperties properties,
                                                    ApiLimits limits,
                                                    @Qualifier("requestMappingHandlerMapping")
                                                    ObjectProvider<RequestMappingHandlerMapping> mapping) {
        AuditFilter filter = new AuditFilter(recorder, clock, properties, limits.maxBodySize().toBytes(),
                request -> routePattern(mapping.getIfAvailable(), request));
        FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setUrlPatterns(java.util.List.of("/v1/*"));
        registration.setOrder(ORDER);
        return registration;
    }

    /**
     * Asks Spring MVC which route a request refused before it reached MVC (401, 413) would have taken, so that its
     * audit event names the resource too. Matching only: no handler runs.
     */
    static String routePattern(RequestMappingHandlerMapping mapping, HttpServletRequest request) {
        if (mapping == null) {
            return null;
        }
        boolean parsedHere = !ServletRequestPathUtils.hasParsedRequestPath(request);
        try {
            if (parsedHere) {
                ServletRequestPathUtils.parseAndCache(request);
            }
            HandlerExecutionChain handler = mapping.getHandler(request);
            return handler == null ? null
                    : request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String p ? p : null;
        } catch (Exception e) {
            return null; // no route takes it as sent (method, media type): named by its path
        } finally {
            if (parsedHere) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }
}
