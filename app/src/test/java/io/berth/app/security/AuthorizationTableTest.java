package io.berth.app.security;

import io.berth.app.BerthContextTest;
import io.berth.app.security.access.AccessDeniedException;
import io.berth.app.security.access.BuiltInRoles;
import io.berth.app.security.access.Permission;
import io.berth.app.security.access.Role;
import io.berth.app.security.access.RouteRule;
import io.berth.app.security.access.RouteRules;
import io.berth.app.security.identity.Caller;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every API route Spring knows × every built-in role × a caller for every cluster, one scoped to the request's
 * cluster and one scoped elsewhere: the route is resolved by Spring's own handler mapping and its interceptors run
 * (not the handler: nothing is read or written), so the table, the route patterns and the interceptor are checked
 * together. The routes come from {@link RequestMappingHandlerMapping}: a new endpoint without a rule fails here.
 */
class AuthorizationTableTest extends BerthContextTest {

    private static final String CLUSTER = "prod";
    private static final Map<String, Set<String>> SCOPES = Map.of(
            "every cluster", Set.of(), "in scope", Set.of(CLUSTER), "out of scope", Set.of("staging"));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mapping;

    /** "METHOD pattern" of every {@code /v1} route, as Spring maps it. */
    private Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/v1/")) {
                    continue;
                }
                assertThat(info.getMethodsCondition().getMethods()).as("%s must name its HTTP method", pattern).isNotEmpty();
                info.getMethodsCondition().getMethods().forEach(m -> routes.add(RouteRules.key(m.name(), pattern)));
            }
        }
        return routes;
    }

    @Test
    void everyRouteHasARuleAndEveryRuleARoute() {
        Set<String> routes = routes();
        assertThat(routes).as("routes without an entry in RouteRules (add one)").isSubsetOf(RouteRules.keys());
        assertThat(RouteRules.keys()).as("rules for routes that no longer exist").isSubsetOf(routes);
        System.out.printf("Authorization table: %d routes, %d built-in roles, %d scopes%n",
                routes.size(), BuiltInRoles.ALL.size(), SCOPES.size());
    }

    @TestFactory
    Stream<DynamicTest> everyRouteForEveryRoleInAndOutOfScope() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String route : routes()) {
            String method = route.substring(0, route.indexOf(' '));
            String pattern = route.substring(route.indexOf(' ') + 1);
            RouteRule rule = RouteRules.find(method, pattern).orElseThrow();
            for (Role role : BuiltInRoles.ALL) {
                SCOPES.forEach((scope, clusters) -> tests.add(DynamicTest.dynamicTest(
                        route + " as " + role.name() + " " + scope,
                        () -> check(method, pattern, rule, role, clusters))));
            }
        }
        return tests.stream();
    }

    private void check(String method, String pattern, RouteRule rule, Role role, Set<String> clusters) throws Exception {
        Caller caller = new Caller("t", Caller.Source.TOKEN, Set.of(role.name()), clusters);
        int status = authorize(method, pattern, caller);
        boolean allowed = expected(rule, role, clusters);
        assertThat(status).as("%s %s as %s scoped to %s", method, pattern, role.name(), clusters)
                .isEqualTo(allowed ? 200 : 403);
        // Invariants that hold whatever the table says:
        if (role == BuiltInRoles.VIEWER_ROLE && !method.equals("GET")) {
            assertThat(status).as("a viewer changes nothing").isEqualTo(rule instanceof RouteRule.Needs ? 403 : 200);
        }
        if (role == BuiltInRoles.ADMIN_ROLE && !clusters.contains("staging")) {
            assertThat(status).as("admin may do everything in its clusters").isEqualTo(200);
        }
        if (clusters.contains("staging") && pattern.contains("{cluster}")) {
            assertThat(status).as("nothing reaches a cluster outside the token's scope").isEqualTo(403);
        }
    }

    /** What the table and the role say, worked out without the interceptor. */
    private static boolean expected(RouteRule rule, Role role, Set<String> clusters) {
        if (!(rule instanceof RouteRule.Needs needs)) {
            return true; // checked by the handler (apply), or any caller (whoami)
        }
        String cluster = needs.clusterFrom() == RouteRule.ClusterFrom.NONE ? null : CLUSTER;
        boolean inScope = !needs.resource().clustered() || clusters.isEmpty() || clusters.contains(CLUSTER);
        return inScope && role.allows(new Permission(needs.verb(), needs.resource(), cluster));
    }

    /** 200 when every interceptor of the resolved route lets the request through, 403 when authorization refuses. */
    private int authorize(String method, String pattern, Caller caller) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, concretePath(pattern));
        request.addParameter("cluster", CLUSTER); // the watch's filter; other routes ignore it
        if (!method.equals("GET") && !method.equals("DELETE")) {
            request.setContentType("application/json"); // what the routes that read a body consume
        }
        request.setAttribute(Caller.ATTRIBUTE, caller);
        ServletRequestPathUtils.parseAndCache(request);
        HandlerExecutionChain chain = mapping.getHandler(request);
        assertThat(chain).as("route %s %s resolves", method, pattern).isNotNull();
        assertThat(chain.getHandler()).isInstanceOf(HandlerMethod.class);
        assertThat(chain.getInterceptorList()).as("authorization runs on every API route")
                .anyMatch(AuthorizationInterceptor.class::isInstance);
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            for (HandlerInterceptor interceptor : chain.getInterceptorList()) {
                if (!interceptor.preHandle(request, response, chain.getHandler())) {
                    return response.getStatus();
                }
            }
            return 200;
        } catch (AccessDeniedException e) {
            return e.getStatusCode().value();
        }
    }

    /** A path that the pattern matches: the cluster is {@value CLUSTER}, a revision a number, the rest a name. */
    private static String concretePath(String pattern) {
        return pattern.replace("{cluster}", CLUSTER)
                .replaceAll("\\{revision[^}]*}", "1")
                .replaceAll("\\{[a-z]+(:[^}]*)?}", "x");
    }
}
