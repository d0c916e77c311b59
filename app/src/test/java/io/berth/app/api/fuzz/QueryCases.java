package io.berth.app.api.fuzz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fuzzed query parameters and path segments of the calls that answer at once: the task list, logs without follow,
 * apply with wait and a timeout, and watch positions that cannot be read (refused before a stream opens).
 */
final class QueryCases {

    static final String LIST_TASKS = "GET /v1/clusters/{c}/tasks";
    static final String LOGS = "GET .../containers/{n}/logs";
    static final String APPLY_WAIT = "POST /v1/apply?wait";
    static final String WATCH = "GET /v1/watch";

    private final Requests requests;
    private final BadValues bad;
    private final ManifestSeeds seeds;
    private final String family;

    QueryCases(Requests requests, BadValues bad, ManifestSeeds seeds, String family) {
        this.requests = requests;
        this.bad = bad;
        this.seeds = seeds;
        this.family = family;
    }

    FuzzCase next() {
        return switch (bad.random().nextInt(5)) {
            case 0, 1 -> listTasks();
            case 2 -> logs();
            case 3 -> applyWait();
            default -> unreadableWatch();
        };
    }

    private FuzzCase listTasks() {
        String cluster = bad.random().nextInt(10) == 0 ? bad.queryValue() : seeds.cluster();
        Map<String, String> query = some(List.of("limit", "continue", "desiredStatus", "status", "family",
                "startedBy", "group", "service"));
        return new FuzzCase(LIST_TASKS, "list tasks of " + FuzzJson.abbreviate(cluster),
                requests.get("/v1/clusters/" + Requests.encode(cluster) + "/tasks", query).build(),
                Requests.describe(query));
    }

    private FuzzCase logs() {
        String task = bad.random().nextInt(3) == 0 ? UUID.randomUUID().toString() : bad.queryValue();
        Map<String, String> query = some(List.of("since", "tail"));
        if (bad.random().nextBoolean()) {
            query.put("follow", bad.random().nextBoolean() ? "false" : bad.queryValue());
        }
        return new FuzzCase(LOGS, "logs of " + FuzzJson.abbreviate(task), requests.get("/v1/clusters/" + seeds.cluster()
                + "/tasks/" + Requests.encode(task) + "/containers/app/logs", query).build(), Requests.describe(query));
    }

    private FuzzCase applyWait() {
        String timeout = bad.random().nextBoolean() ? bad.duration() : bad.queryValue();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("dryRun", "true");
        query.put("wait", bad.random().nextInt(5) == 0 ? bad.queryValue() : "true");
        query.put("timeout", timeout);
        String yaml = seeds.taskDefinitionYaml(family);
        return new FuzzCase(APPLY_WAIT, "apply dryRun wait timeout=" + FuzzJson.abbreviate(timeout),
                requests.post("/v1/apply", query, "application/yaml", yaml).build(), Requests.describe(query));
    }

    /** A position that is not a number (or is negative): refused with a JSON 400 before any stream opens. */
    private FuzzCase unreadableWatch() {
        String since = bad.random().nextBoolean() ? "x" + bad.queryValue() : "-" + (1 + bad.random().nextInt(1000));
        Map<String, String> query = Map.of("since", since, "cluster", seeds.cluster());
        return new FuzzCase(WATCH, "watch since=" + FuzzJson.abbreviate(since),
                requests.get("/v1/watch", query).build(), Requests.describe(query));
    }

    private Map<String, String> some(List<String> names) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : names) {
            if (bad.random().nextBoolean()) {
                query.put(name, bad.queryValue());
            }
        }
        return query;
    }
}
