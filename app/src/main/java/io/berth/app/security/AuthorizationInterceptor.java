package io.berth.app.security;

import io.berth.app.security.access.AccessDeniedException;
import io.berth.app.security.access.AccessPolicy;
import io.berth.app.security.access.Permission;
import io.berth.app.security.access.RouteRule;
import io.berth.app.security.access.RouteRules;
import io.berth.app.security.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;

/**
 * Checks, before a {@code /v1} handler runs, that the caller may do what the route does: the route's pattern is
 * looked up in {@link RouteRules} and the cluster taken from the request. A route without a rule is refused for
 * everyone: a forgotten rule must not open an endpoint. Denials are thrown as {@link AccessDeniedException}, which the
 * API's exception handler answers 403.
 */
public final class AuthorizationInterceptor implements HandlerInterceptor {

    private final AccessPolicy policy;

    public AuthorizationInterceptor(AccessPolicy policy) {
        this.policy = policy;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod)) {
            return true; // not an API route (a 404 for an unknown path): nothing to read or change
        }
        String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        Caller caller = Caller.of(request)
                .orElseThrow(() -> new AccessDeniedException("no authenticated caller on this request"));
        RouteRule rule = RouteRules.find(request.getMethod(), pattern).orElseThrow(() -> new AccessDeniedException(
                "no authorization rule for " + request.getMethod() + " " + pattern + "; refused for everyone"));
        if (rule instanceof RouteRule.Needs needs) {
            policy.check(caller, new Permission(needs.verb(), needs.resource(), cluster(request, needs.clusterFrom())));
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static String cluster(HttpServletRequest request, RouteRule.ClusterFrom from) {
        return switch (from) {
            case PATH -> {
                Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
                yield variables instanceof Map<?, ?> map ? (String) ((Map<String, String>) map).get("cluster") : null;
            }
            case QUERY -> {
                String cluster = request.getParameter("cluster");
                yield cluster == null || cluster.isBlank() ? null : cluster.strip();
            }
            case NONE -> null;
        };
    }
}
