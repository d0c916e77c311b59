package io.berth.app.security.access;

import io.berth.app.security.access.RouteRule.AnyCaller;
import io.berth.app.security.access.RouteRule.CheckedByHandler;
import io.berth.app.security.access.RouteRule.ClusterFrom;
import io.berth.app.security.access.RouteRule.Needs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.berth.app.security.access.Resource.AUDIT;
import static io.berth.app.security.access.Resource.CLUSTERS;
import static io.berth.app.security.access.Resource.CREDENTIALS;
import static io.berth.app.security.access.Resource.DEPLOYMENTS;
import static io.berth.app.security.access.Resource.ENDPOINTS;
import static io.berth.app.security.access.Resource.INSTANCES;
import static io.berth.app.security.access.Resource.LOAD_BALANCERS;
import static io.berth.app.security.access.Resource.LOGS;
import static io.berth.app.security.access.Resource.POLICIES;
import static io.berth.app.security.access.Resource.ROLES;
import static io.berth.app.security.access.Resource.SCHEDULED_TASKS;
import static io.berth.app.security.access.Resource.SERVICES;
import static io.berth.app.security.access.Resource.TARGET_GROUPS;
import static io.berth.app.security.access.Resource.TASKS;
import static io.berth.app.security.access.Resource.TASK_DEFINITIONS;
import static io.berth.app.security.access.Resource.TOKENS;
import static io.berth.app.security.access.Verb.CREATE;
import static io.berth.app.security.access.Verb.DELETE;
import static io.berth.app.security.access.Verb.EXEC;
import static io.berth.app.security.access.Verb.GET;
import static io.berth.app.security.access.Verb.LIST;
import static io.berth.app.security.access.Verb.UPDATE;
import static io.berth.app.security.access.Verb.WATCH;

/**
 * THE table of what every API route needs, keyed by HTTP method and the route's pattern exactly as its
 * {@code @RequestMapping} spells it. A route missing here is refused (403) for everyone, and a test compares this
 * table with Spring's handler mappings so that a new endpoint without a rule fails the build.
 */
public final class RouteRules {

    private static final String CLUSTER = "/v1/clusters/{cluster}";
    private static final String SERVICE = CLUSTER + "/services/{name}";
    private static final String TASK_DEFINITION = "/v1/task-definitions/{family:[a-zA-Z0-9_-]+}";
    private static final String REVISION = TASK_DEFINITION + ":{revision:[0-9]+}";

    private static final Map<String, RouteRule> TABLE = new LinkedHashMap<>();

    static {
        add("POST", "/v1/apply", new CheckedByHandler("each document needs create and update on its kind in its cluster"));
        add("GET", "/v1/watch", new Needs(WATCH, SERVICES, ClusterFrom.QUERY));
        add("GET", "/v1/auth/whoami", new AnyCaller());
        add("GET", "/v1/auth/can-i", new AnyCaller());

        add("GET", "/v1/clusters", needs(LIST, CLUSTERS));
        add("POST", "/v1/clusters", needs(CREATE, CLUSTERS));
        add("GET", CLUSTER + "/policy", inCluster(GET, POLICIES));
        add("PUT", CLUSTER + "/policy", inCluster(UPDATE, POLICIES));

        add("GET", CLUSTER + "/container-instances", inCluster(LIST, INSTANCES));
        add("POST", CLUSTER + "/container-instances", inCluster(CREATE, INSTANCES));
        add("PUT", CLUSTER + "/container-instances/{id}/status", inCluster(UPDATE, INSTANCES));
        add("DELETE", CLUSTER + "/container-instances/{id}", inCluster(DELETE, INSTANCES));

        add("GET", CLUSTER + "/services", inCluster(LIST, SERVICES));
        add("GET", SERVICE, inCluster(GET, SERVICES));
        add("DELETE", SERVICE, inCluster(DELETE, SERVICES));
        add("GET", SERVICE + "/endpoints", inCluster(GET, ENDPOINTS));
        add("GET", SERVICE + "/metrics", inCluster(GET, SERVICES));
        add("GET", SERVICE + "/scheduled-actions", inCluster(GET, SERVICES));
        add("GET", SERVICE + "/deployments", inCluster(LIST, DEPLOYMENTS));
        add("GET", SERVICE + "/rollout", inCluster(GET, DEPLOYMENTS));
        add("POST", SERVICE + "/rollback", inCluster(CREATE, DEPLOYMENTS));
        add("POST", SERVICE + "/restart", inCluster(CREATE, DEPLOYMENTS));

        add("GET", CLUSTER + "/tasks", inCluster(LIST, TASKS));
        add("POST", CLUSTER + "/tasks", inCluster(CREATE, TASKS));
        add("GET", CLUSTER + "/tasks/{id}", inCluster(GET, TASKS));
        add("GET", CLUSTER + "/task-metrics", inCluster(LIST, TASKS));
        add("GET", CLUSTER + "/scheduled-actions", inCluster(LIST, SERVICES));
        add("POST", CLUSTER + "/tasks/{id}/stop", inCluster(DELETE, TASKS));
        add("GET", CLUSTER + "/tasks/{id}/containers/{name}/logs", inCluster(GET, LOGS));
        add("GET", CLUSTER + "/tasks/{id}/containers/{name}/exec", inCluster(EXEC, TASKS));
        add("GET", CLUSTER + "/scheduled-tasks", inCluster(LIST, SCHEDULED_TASKS));
        add("GET", CLUSTER + "/scheduled-tasks/{name}", inCluster(GET, SCHEDULED_TASKS));
        add("DELETE", CLUSTER + "/scheduled-tasks/{name}", inCluster(DELETE, SCHEDULED_TASKS));

        add("GET", CLUSTER + "/target-groups", inCluster(LIST, TARGET_GROUPS));
        add("GET", CLUSTER + "/target-groups/{name}", inCluster(GET, TARGET_GROUPS));
        add("GET", CLUSTER + "/target-groups/{name}/targets", inCluster(GET, TARGET_GROUPS));
        add("DELETE", CLUSTER + "/target-groups/{name}", inCluster(DELETE, TARGET_GROUPS));
        add("GET", CLUSTER + "/load-balancers", inCluster(LIST, LOAD_BALANCERS));
        add("GET", CLUSTER + "/load-balancers/{name}", inCluster(GET, LOAD_BALANCERS));
        add("DELETE", CLUSTER + "/load-balancers/{name}", inCluster(DELETE, LOAD_BALANCERS));

        add("POST", "/v1/task-definitions", needs(CREATE, TASK_DEFINITIONS));
        add("GET", "/v1/task-definitions", needs(LIST, TASK_DEFINITIONS));
        add("GET", TASK_DEFINITION, needs(GET, TASK_DEFINITIONS));
        add("GET", REVISION, needs(GET, TASK_DEFINITIONS));
        add("DELETE", REVISION, needs(DELETE, TASK_DEFINITIONS));

        add("POST", "/v1/credentials", needs(CREATE, CREDENTIALS));
        add("GET", "/v1/credentials", needs(LIST, CREDENTIALS));
        add("GET", "/v1/credentials/{name}", needs(GET, CREDENTIALS));
        add("DELETE", "/v1/credentials/{name}", needs(DELETE, CREDENTIALS));
        // Secrets and configs (created by apply) are guarded like registry credentials.
        for (String kind : new String[]{"secrets", "configs"}) {
            add("GET", "/v1/" + kind, needs(LIST, CREDENTIALS));
            add("GET", "/v1/" + kind + "/{name}", needs(GET, CREDENTIALS));
            add("DELETE", "/v1/" + kind + "/{name}", needs(DELETE, CREDENTIALS));
        }

        add("POST", "/v1/tokens", needs(CREATE, TOKENS));
        add("GET", "/v1/tokens", needs(LIST, TOKENS));
        add("GET", "/v1/tokens/{name}", needs(GET, TOKENS));
        add("DELETE", "/v1/tokens/{name}", needs(DELETE, TOKENS));

        add("GET", "/v1/roles", needs(LIST, ROLES));
        add("GET", "/v1/roles/{name}", needs(GET, ROLES));
        add("DELETE", "/v1/roles/{name}", needs(DELETE, ROLES));

        add("GET", "/v1/audit", needs(LIST, AUDIT));
    }

    private RouteRules() {
    }

    /** @param pattern the route's pattern as Spring matched it (its best matching pattern) */
    public static Optional<RouteRule> find(String method, String pattern) {
        return Optional.ofNullable(TABLE.get(key(method, pattern)));
    }

    /** Every "METHOD pattern" the table knows, for the test that compares it with the handler mappings. */
    public static Set<String> keys() {
        return Collections.unmodifiableSet(TABLE.keySet());
    }

    public static String key(String method, String pattern) {
        return method + " " + pattern;
    }

    private static void add(String method, String pattern, RouteRule rule) {
        if (TABLE.put(key(method, pattern), rule) != null) {
            throw new IllegalStateException("two rules for " + key(method, pattern));
        }
    }

    private static Needs needs(Verb verb, Resource resource) {
        return new Needs(verb, resource, ClusterFrom.NONE);
    }

    private static Needs inCluster(Verb verb, Resource resource) {
        return new Needs(verb, resource, ClusterFrom.PATH);
    }
}
