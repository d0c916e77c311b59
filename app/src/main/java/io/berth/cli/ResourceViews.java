package io.berth.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** The API's answers as the tables of {@code get} (and the columns other commands borrow). */
final class ResourceViews {

    /**
     * @param raw   what the API answered (one object when a NAME was given), for -o json/yaml
     * @param keys  one per table row, to find the rows that changed in watch mode
     * @param items the API object of each row
     */
    record Listing(JsonNode raw, Table table, List<String> keys, List<JsonNode> items) {
    }

    private final Resources resources;
    private final String cluster;
    private final Instant now;

    ResourceViews(Resources resources, String cluster, Instant now) {
        this.resources = resources;
        this.cluster = cluster;
        this.now = now;
    }

    Listing list(ResourceType type, String name, TaskQuery filter) {
        return switch (type) {
            case CLUSTERS -> clusters(name == null ? resources.clusters() : resources.cluster(name));
            case INSTANCES -> instances(name == null ? resources.instances(cluster)
                    : resources.instance(cluster, name));
            case TASK_DEFINITIONS -> taskDefinitions(name);
            case SERVICES -> services(name == null ? resources.services(cluster)
                    : resources.service(cluster, name));
            case TASKS -> tasks(name == null ? resources.tasks(cluster, filter)
                    : resources.task(cluster, name));
            case TARGET_GROUPS -> targetGroups(name == null ? resources.targetGroups(cluster)
                    : resources.targetGroup(cluster, name));
            case LOAD_BALANCERS -> loadBalancers(name == null ? resources.loadBalancers(cluster)
                    : resources.loadBalancer(cluster, name));
            case TARGETS -> targets(resources.targets(cluster, name));
            case SECRETS, CONFIGS -> secrets(name == null ? resources.secrets(type.plural())
                    : resources.secret(type.plural(), name));
            case SCHEDULED_TASKS -> scheduledTasks(name == null ? resources.scheduledTasks(cluster)
                    : resources.scheduledTask(cluster, name));
            case SCHEDULED_ACTIONS -> scheduledActions(resources.scheduledActions(cluster, filter.service()), name);
        };
    }

    /** Names, keys and versions; never a value, not even a config's (describe or -o yaml shows those). */
    private Listing secrets(JsonNode raw) {
        Table table = new Table(List.of("NAME", "KEYS", "VERSION", "UPDATED", "AGE"));
        return listing(raw, table, x -> {
            List<String> keys = new ArrayList<>();
            x.path("keys").forEach(k -> keys.add(k.asString()));
            return List.of(Json.text(x, "name", ""), String.join(",", keys), Json.text(x, "version", ""),
                    age(x, "updatedAt"), age(x, "createdAt"));
        }, x -> Json.text(x, "name"));
    }

    private Listing scheduledTasks(JsonNode raw) {
        Table table = new Table(List.of("NAME", "SCHEDULE", "NEXT", "LAST", "LAST EXIT"));
        return listing(raw, table, s -> List.of(Json.text(s, "name", ""), schedule(s), next(s),
                ago(s, "lastRun"), lastExit(s)), s -> Json.text(s, "name"));
    }

    /** describe-scheduled-actions as a table; NAME keeps the actions of that name (one per service). */
    private Listing scheduledActions(JsonNode raw, String name) {
        ArrayNode kept = Json.JSON.createArrayNode();
        raw.forEach(a -> {
            if (name == null || name.equals(Json.text(a, "name", ""))) {
                kept.add(a);
            }
        });
        Table table = new Table(List.of("SERVICE", "NAME", "SCHEDULE", "MIN", "MAX", "LAST FIRED", "NEXT",
                "IN FORCE"));
        return listing(kept, table, a -> List.of(Json.text(a, "service", ""), Json.text(a, "name", ""), schedule(a),
                Json.text(a, "minCount", "-"), Json.text(a, "maxCount", "-"), ago(a, "lastFiredAt"),
                in(a, "nextFiringAt"), Json.text(a, "inForce", "")),
                a -> Json.text(a, "service") + "/" + Json.text(a, "name"));
    }

    private String in(JsonNode node, String field) {
        Instant at = Json.instant(node, field);
        return at == null ? "" : "in " + Durations.age(Duration.between(now, at));
    }

    /** "30 2 * * * (Europe/Berlin)"; the zone only when it is not UTC. */
    static String schedule(JsonNode s) {
        String zone = Json.text(s, "timezone", "UTC");
        return Json.text(s, "schedule", "") + ("UTC".equals(zone) ? "" : " (" + zone + ")");
    }

    private String next(JsonNode s) {
        if (s.path("suspend").asBoolean(false)) {
            return "suspended";
        }
        Instant at = Json.instant(s, "nextRun");
        return at == null ? "" : "in " + Durations.age(Duration.between(now, at));
    }

    private String ago(JsonNode node, String field) {
        Instant at = Json.instant(node, field);
        return at == null ? "" : Durations.age(Duration.between(at, now)) + " ago";
    }

    /** The exit codes of the newest firing's tasks; "running" while they run; else what became of it. */
    static String lastExit(JsonNode s) {
        JsonNode newest = s.path("firings").path(0);
        if (newest.isMissingNode()) {
            return "";
        }
        String outcome = Json.text(newest, "outcome", "");
        if (!"STARTED".equals(outcome)) {
            return outcome.toLowerCase(java.util.Locale.ROOT);
        }
        if ("RUNNING".equals(Json.text(newest, "status", ""))) {
            return "running";
        }
        List<String> codes = new ArrayList<>();
        s.path("lastExitCodes").forEach(task -> task.forEach(code -> codes.add(code.isNull() ? "?"
                : code.asString())));
        return String.join(",", codes);
    }

    private Listing targetGroups(JsonNode raw) {
        Table table = new Table(List.of("NAME", "PROTOCOL", "HEALTH CHECK", "DEREGISTRATION DELAY", "AGE"));
        return listing(raw, table, g -> List.of(Json.text(g, "name", ""), Json.text(g, "protocol", ""),
                healthCheck(g.path("healthCheck")), Json.text(g, "deregistrationDelay", ""), age(g, "createdAt")),
                g -> Json.text(g, "name"));
    }

    /** "GET /health:traffic-port every 30s" for HTTP, "tcp:8081 every 10s" for TCP. */
    static String healthCheck(JsonNode check) {
        String path = Json.text(check, "path");
        return (path == null ? "tcp" : "GET " + path) + ":" + Json.text(check, "port", "traffic-port")
                + " every " + Json.text(check, "interval", "?");
    }

    private Listing loadBalancers(JsonNode raw) {
        Table table = new Table(List.of("NAME", "LISTENERS", "TARGET GROUPS", "PLACEMENT", "AGE"));
        return listing(raw, table, lb -> List.of(Json.text(lb, "name", ""), listeners(lb), targetGroupsOf(lb),
                Json.text(lb, "placement", "every instance"), age(lb, "createdAt")), lb -> Json.text(lb, "name"));
    }

    /** "80/HTTP,443/TCP". */
    static String listeners(JsonNode loadBalancer) {
        List<String> listeners = new ArrayList<>();
        loadBalancer.path("listeners").forEach(l -> listeners.add(l.path("port").asString() + "/"
                + Json.text(l, "protocol", "")));
        return String.join(",", listeners);
    }

    /** Every group a listener sends to, by default or by a rule, once, in the order they appear. */
    static String targetGroupsOf(JsonNode loadBalancer) {
        java.util.Set<String> groups = new java.util.LinkedHashSet<>();
        for (JsonNode l : loadBalancer.path("listeners")) {
            groups.add(Json.text(l, "defaultTargetGroup", ""));
            l.path("rules").forEach(r -> groups.add(Json.text(r, "targetGroup", "")));
        }
        groups.remove("");
        return String.join(",", groups);
    }

    private Listing targets(JsonNode raw) {
        Table table = new Table(List.of("TARGET", "INSTANCE", "PORT", "STATE", "REASON"));
        return listing(raw, table, t -> List.of(GetCommand.shortId(Json.text(t.path("target"), "taskId")),
                GetCommand.shortId(Json.text(t.path("target"), "instanceId")), Json.text(t.path("target"), "port", ""),
                Json.text(t.path("health"), "state", ""), Json.text(t.path("health"), "reason", "")),
                t -> Json.text(t.path("target"), "taskId"));
    }

    private Listing clusters(JsonNode raw) {
        Table table = new Table(List.of("NAME", "SERVICES", "RUNNING TASKS", "INSTANCES", "AGE"));
        return listing(raw, table, c -> List.of(Json.text(c, "name", ""), Json.text(c, "activeServices", "0"),
                Json.text(c, "runningTasks", "0"), Json.text(c, "registeredInstances", "0"),
                age(c, "createdAt")), c -> Json.text(c, "name"));
    }

    private Listing instances(JsonNode raw) {
        Table table = new Table(List.of("ID", "HOSTNAME", "ENDPOINT", "STATUS", "CONNECTED", "CPU FREE",
                "MEMORY FREE", "TASK PORTS", "LAST SEEN"));
        return listing(raw, table, i -> List.of(GetCommand.shortId(Json.text(i, "id")), Json.text(i, "hostname", ""),
                Json.text(i, "endpoint", ""), Json.text(i, "status", ""), Json.text(i, "connected", ""),
                free(i, "cpu"), free(i, "memory") + (i.path("registered").has("memory") ? " MiB" : ""),
                String.join(",", taskPorts(i)), age(i, "lastSeen")), i -> Json.text(i, "id"));
    }

    /** The host ports of a resources object ({@code registered} or {@code remaining}): "22/tcp", "53/udp". */
    static List<String> portsOf(JsonNode resources) {
        List<String> ports = new ArrayList<>();
        resources.path("ports").forEach(p -> ports.add(p.asString() + "/tcp"));
        resources.path("udpPorts").forEach(p -> ports.add(p.asString() + "/udp"));
        return ports;
    }

    /**
     * The host ports tasks hold on an instance. As in ECS, the API's remaining ports are those not free (the
     * reserved ones included); what tasks hold is that minus the registered (reserved) ones.
     */
    static List<String> taskPorts(JsonNode instance) {
        List<String> ports = portsOf(instance.path("remaining"));
        ports.removeAll(portsOf(instance.path("registered")));
        return ports;
    }

    private static String free(JsonNode instance, String field) {
        return instance.path("remaining").path(field).asString("?") + "/"
                + instance.path("registered").path(field).asString("?");
    }

    private Listing taskDefinitions(String name) {
        if (name == null) {
            Table table = new Table(List.of("NAME", "LATEST REVISION", "STATUS", "AGE"));
            return listing(resources.families(), table, f -> List.of(Json.text(f, "family", ""),
                    Json.text(f, "latestRevision", ""), Json.text(f, "status", ""), age(f, "createdAt")),
                    f -> Json.text(f, "family"));
        }
        Table table = new Table(List.of("NAME", "STATUS", "AGE"));
        if (name.contains(":")) {
            JsonNode revision = resources.taskDefinition(name);
            return listing(revision, table, r -> List.of(Json.text(r, "family") + ":" + Json.text(r, "revision"),
                    Json.text(r, "status", ""), age(r, "createdAt")), r -> Json.text(r, "revision"));
        }
        JsonNode revisions = resources.revisions(name);
        String family = Json.text(revisions, "family", name);
        Listing listing = listing(revisions.path("revisions"), table, r -> List.of(
                family + ":" + Json.text(r, "revision"), Json.text(r, "status", ""), age(r, "createdAt")),
                r -> Json.text(r, "revision"));
        return new Listing(revisions, listing.table(), listing.keys(), listing.items());
    }

    private Listing services(JsonNode raw) {
        Table table = new Table(List.of("NAME", "CLUSTER", "TASK DEFINITION", "DESIRED", "RUNNING", "PENDING",
                "STATUS", "AGE"));
        return listing(raw, table, s -> List.of(Json.text(s, "name", ""), Json.text(s, "cluster", ""),
                Json.text(s, "taskDefinition", ""), desired(s), Json.text(s, "runningCount", "0"), Json.text(s, "pendingCount", "0"), Json.text(s, "status", ""),
                age(s, "createdAt")), s -> Json.text(s, "cluster") + "/" + Json.text(s, "name"));
    }

    /** A daemon's count is its eligible instances, not a number the user chose: the column says so. */
    private static String desired(JsonNode service) {
        String count = Json.text(service, "desiredCount", "0");
        return "DAEMON".equals(Json.text(service, "schedulingStrategy", "")) ? count + " (daemon)" : count;
    }

    private Listing tasks(JsonNode raw) {
        Table table = new Table(List.of("ID", "SERVICE", "TASK DEFINITION", "LAST STATUS", "DESIRED",
                "INSTANCE", "PORTS", "STARTED", "STARTED-BY", "GROUP", "STOP REASON"));
        return listing(raw, table, t -> List.of(GetCommand.shortId(Json.text(t, "id")), Json.text(t, "service", ""),
                Json.text(t, "taskDefinition", ""), Json.text(t, "lastStatus", ""),
                Json.text(t, "desiredStatus", ""), GetCommand.shortId(Json.text(t, "containerInstanceId")), ports(t),
                age(t, "startedAt"), Json.text(t, "startedBy", ""), Json.text(t, "group", ""), stopReason(t)),
                t -> Json.text(t, "id"));
    }

    static String ports(JsonNode task) {
        List<String> ports = new ArrayList<>();
        for (JsonNode container : task.path("containers")) {
            for (JsonNode port : container.path("hostPorts")) {
                ports.add(port.path("hostPort").asString() + "->" + port.path("containerPort").asString()
                        + "/" + Json.text(port, "protocol", "tcp"));
            }
        }
        return String.join(",", ports);
    }

    static String stopReason(JsonNode task) {
        String reason = Json.text(task, "stoppedReason", "");
        String code = Json.text(task, "stopCode", "");
        return code.isEmpty() || reason.contains(code) ? reason : reason.isEmpty() ? code : code + ": " + reason;
    }

    private Listing listing(JsonNode raw, Table table, Function<JsonNode, List<String>> row,
                            Function<JsonNode, String> key) {
        List<String> keys = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        if (raw.isArray()) {
            raw.forEach(items::add);
        } else {
            items.add(raw);
        }
        for (JsonNode item : items) {
            table.row(row.apply(item));
            keys.add(key.apply(item));
        }
        return new Listing(raw, table, keys, items);
    }

    private String age(JsonNode node, String field) {
        Instant at = Json.instant(node, field);
        return at == null ? "" : Durations.age(Duration.between(at, now));
    }
}
