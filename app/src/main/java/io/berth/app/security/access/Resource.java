package io.berth.app.security.access;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the API manages, as named in roles. A clustered resource lives in one cluster, and a token scoped to
 * clusters reaches it only there; the others are installation-wide (task definitions, registry credentials,
 * tokens, roles, the audit trail and the list of clusters itself).
 */
public enum Resource {
    CLUSTERS("clusters", false),
    POLICIES("policies", true),
    INSTANCES("instances", true),
    SERVICES("services", true),
    DEPLOYMENTS("deployments", true),
    TASKS("tasks", true),
    SCHEDULED_TASKS("scheduled-tasks", true),
    LOGS("logs", true),
    ENDPOINTS("endpoints", true),
    TARGET_GROUPS("target-groups", true),
    LOAD_BALANCERS("load-balancers", true),
    TASK_DEFINITIONS("task-definitions", false),
    CREDENTIALS("credentials", false),
    TOKENS("tokens", false),
    ROLES("roles", false),
    AUDIT("audit", false);

    private final String wire;
    private final boolean clustered;

    Resource(String wire, boolean clustered) {
        this.wire = wire;
        this.clustered = clustered;
    }

    public String wire() {
        return wire;
    }

    public boolean clustered() {
        return clustered;
    }

    public static Optional<Resource> parse(String text) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(text)).findFirst();
    }

    @Override
    public String toString() {
        return wire;
    }
}
