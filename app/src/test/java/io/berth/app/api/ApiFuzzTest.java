package io.berth.app.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.boot.webmvc.test.autoconfigure.SpringBootMockMvcBuilderCustomizer;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Fuzzes the real API (MockMvc over the shared context and PostgreSQL) with generated and mutated manifests and
 * query parameters: apply (YAML and JSON, dry run and wait), ECS register-task-definition, run-task, the task list,
 * logs and watch. Deterministic (fixed seed). No answer may be a 5xx, and every 4xx must be a JSON error with a
 * message (a 422 also naming its fields). Figures (cases, status histogram, p50/p99) are printed, never asserted.
 */
class ApiFuzzTest extends ApiTestSupport {

    private static final long SEED = 0xB3E7_F022L;
    private static final int ONE_MB = 1 << 20;
    /** Writes the deeply nested trees the fuzzer makes (the server's reader has its own limits). */
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(100_000).build())
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(10 * ONE_MB).build()).build()).build();
    private static final Pattern SCALAR_LINE = Pattern.compile("^(\\s*(?:- )?[A-Za-z][A-Za-z0-9]*: )(\\S.*)$");

    private final Random random = new Random(SEED);
    private final Map<Integer, Integer> histogram = new TreeMap<>();
    private final List<Long> nanos = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private int cases;
    private int hugeStrings;
    private long phaseStart;

    @Autowired
    private WebApplicationContext context;
    /** The context's MockMvc with its filters but without recording every exchange for printing on failure. */
    private MockMvc quiet;

    @BeforeEach
    void quietMockMvc() {
        DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup(context);
        SpringBootMockMvcBuilderCustomizer customizer = new SpringBootMockMvcBuilderCustomizer(context);
        customizer.setPrint(MockMvcPrint.NONE);
        customizer.customize(builder);
        quiet = builder.build();
    }

    private record Request(String description, MockHttpServletRequestBuilder builder, String body) {
    }

    @Test
    void noInputAnswersA5xxAndEvery4xxNamesWhatWasWrong() throws Exception {
        phaseStart = System.nanoTime();
        String family = unique("fuzz");
        applyYaml(taskDefinitionYaml(family)).andReturn();
        List<String> yamlSeeds = List.of(taskDefinitionYaml(family) + "---\n" + serviceYaml(unique("fuzz-svc"), family),
                serviceYaml(unique("fuzz-svc"), family + ":1"));

        for (int i = 0; i < 4000; i++) {
            String yaml = mutateYamlText(yamlSeeds.get(random.nextInt(yamlSeeds.size())));
            send(apply("yaml", yaml, MediaType.parseMediaType("application/yaml"), random.nextInt(20) != 0));
        }
        phase("yaml apply");
        for (int i = 0; i < 2000; i++) {
            Object tree = random.nextBoolean() ? manifestsJson(family) : manifestsJson(family).getFirst();
            send(apply("json", JSON.writeValueAsString(mutateTree(tree)), MediaType.APPLICATION_JSON, true));
        }
        phase("json apply");
        for (int i = 0; i < 1500; i++) {
            String body = JSON.writeValueAsString(mutateTree(ecsTaskDefinition(unique("fuzz-ecs"))));
            send(new Request("register-task-definition", post("/v1/task-definitions")
                    .contentType(MediaType.APPLICATION_JSON).content(body), body));
        }
        phase("register-task-definition");
        for (int i = 0; i < 1500; i++) {
            String body = JSON.writeValueAsString(mutateTree(runTask(family)));
            send(new Request("run-task", post("/v1/clusters/{c}/tasks", CLUSTER)
                    .contentType(MediaType.APPLICATION_JSON).content(body), body));
        }
        phase("run-task");
        for (int i = 0; i < 1500; i++) {
            send(queryCase(family));
        }
        phase("query parameters");
        for (int i = 0; i < 200; i++) {
            String yaml = special(family, i);
            send(apply("special yaml", yaml, MediaType.parseMediaType("application/yaml"), true));
        }

        phase("special documents");
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("API fuzz: %d cases (seed %d), status histogram %s, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                cases, SEED, histogram, percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
        failures.stream().limit(20).forEach(System.out::println);
        failures.stream().collect(java.util.stream.Collectors.groupingBy(
                        f -> f.substring(f.indexOf(' ') + 1, f.indexOf('\n')).replaceAll("[-\\w]*\\d[-\\w]*", "N")
                                .replaceAll("=\\S*", "="), TreeMap::new, java.util.stream.Collectors.counting()))
                .forEach((kind, n) -> System.out.println("  " + n + " x " + kind));
        assertThat(cases).isGreaterThanOrEqualTo(10_000);
        assertThat(failures).as("%d failing cases (first 20 printed above)", failures.size()).isEmpty();
    }

    // ---- sending and checking

    private void phase(String name) {
        long now = System.nanoTime();
        System.out.printf("API fuzz: %s done, %d cases so far, %.1f s%n", name, cases, (now - phaseStart) / 1e9);
        phaseStart = now;
    }

    private Request apply(String kind, String body, MediaType type, boolean dryRun) {
        MockHttpServletRequestBuilder b = post("/v1/apply").contentType(type).content(body.getBytes(StandardCharsets.UTF_8));
        if (dryRun) {
            b.param("dryRun", "true");
        }
        return new Request("apply " + kind + (dryRun ? " dryRun" : ""), b, body);
    }

    private void send(Request request) throws Exception {
        cases++;
        long start = System.nanoTime();
        MockHttpServletResponse response = quiet.perform(request.builder().header("Authorization", BEARER))
                .andReturn().getResponse();
        nanos.add(System.nanoTime() - start);
        int status = response.getStatus();
        histogram.merge(status, 1, Integer::sum);
        String problem = problem(status, response.getContentAsString(StandardCharsets.UTF_8));
        if (problem != null) {
            failures.add("#" + cases + " " + request.description() + " -> " + status + " (" + problem + ")\n  request: "
                    + abbreviate(request.body()) + "\n  answer: " + abbreviate(response.getContentAsString(StandardCharsets.UTF_8)));
        }
    }

    private static String problem(int status, String body) {
        if (status >= 500) {
            return "server error";
        }
        if (status < 400) {
            return null;
        }
        JsonNode error;
        try {
            error = JSON.readTree(body);
        } catch (RuntimeException e) {
            return "4xx body is not JSON";
        }
        if (error == null || !error.isObject() || error.path("message").asString("").isBlank()) {
            return "4xx body has no message";
        }
        if (status == 422) {
            JsonNode fields = error.path("errors");
            if (!fields.isArray() || fields.isEmpty()) {
                return "422 names no field";
            }
            for (JsonNode field : fields) {
                if (field.path("field").asString("").isBlank()) {
                    return "422 has an entry without a field";
                }
            }
        }
        return null;
    }

    // ---- seeds

    private static String taskDefinitionYaml(String family) {
        return """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata:
                  name: %s
                spec:
                  placementConstraints:
                    - type: memberOf
                      expression: "attribute:zone in [a, b] and not(task:group == service:db)"
                  containers:
                    - name: app
                      image: busybox:1.36
                      command: ["sh", "-c", "httpd -f"]
                      memory: 64
                      cpu: 128
                      environment:
                        MODE: web
                      portMappings:
                        - containerPort: 80
                      healthCheck:
                        command: ["CMD-SHELL", "wget -q -O /dev/null http://localhost/ || exit 1"]
                        interval: 5s
                        timeout: 2s
                        retries: 3
                        startPeriod: 1m30s
                """.formatted(family);
    }

    private static String serviceYaml(String name, String taskDefinition) {
        return """
                apiVersion: berth/v1
                kind: Service
                metadata:
                  name: %s
                  cluster: %s
                spec:
                  taskDefinition: "%s"
                  desiredCount: 2
                  placementConstraints:
                    - type: memberOf
                      expression: "attribute:zone == a"
                  placementStrategy:
                    - type: spread
                      field: attribute:zone
                """.formatted(name, CLUSTER, taskDefinition);
    }

    private static List<Object> manifestsJson(String family) {
        return new ArrayList<>(List.of(
                JSON.readValue(JSON.writeValueAsString(Map.of("apiVersion", "berth/v1", "kind", "TaskDefinition",
                        "metadata", Map.of("name", family),
                        "spec", Map.of("containers", List.of(Map.of("name", "app", "image", "busybox:1.36",
                                "memory", 64, "portMappings", List.of(Map.of("containerPort", 80)),
                                "healthCheck", Map.of("command", List.of("CMD", "true"), "interval", "5s")))))), Object.class),
                JSON.readValue(JSON.writeValueAsString(Map.of("apiVersion", "berth/v1", "kind", "Service",
                        "metadata", Map.of("name", "fuzz-json", "cluster", CLUSTER),
                        "spec", Map.of("taskDefinition", family, "desiredCount", 1,
                                "placementConstraints", List.of(Map.of("type", "memberOf", "expression", "attribute:zone == a"))))),
                        Object.class)));
    }

    private static Object ecsTaskDefinition(String family) {
        return JSON.readValue("""
                {"family": "%s", "networkMode": "bridge", "cpu": "256", "memory": "512",
                 "placementConstraints": [{"type": "memberOf", "expression": "attribute:zone == a"}],
                 "containerDefinitions": [{"name": "producer", "image": "busybox:1.36", "cpu": 50, "memory": 50,
                   "essential": true, "command": ["sh", "-c", "sleep 1"],
                   "environment": [{"name": "MODE", "value": "producer"}],
                   "portMappings": [{"containerPort": 80, "hostPort": 0, "protocol": "tcp"}],
                   "healthCheck": {"command": ["CMD-SHELL", "true"], "interval": 5, "timeout": 2, "retries": 3},
                   "logConfiguration": {"logDriver": "json-file", "options": {"max-size": "10m"}}}]}
                """.formatted(family), Object.class);
    }

    private static Object runTask(String family) {
        return JSON.readValue("""
                {"taskDefinition": "%s", "count": 1, "startedBy": "fuzz", "group": "nightly",
                 "placementConstraints": [{"type": "memberOf", "expression": "attribute:zone == a"}],
                 "overrides": {"containerOverrides": [{"name": "app", "command": ["sh", "-c", "exit 3"],
                   "environment": [{"name": "MODE", "value": "producer"}], "memory": 32}]}}
                """.formatted(family), Object.class);
    }

    // ---- mutation

    /** Replaces the value of random "key: value" lines, deletes or duplicates lines, or appends trash. */
    private String mutateYamlText(String seed) {
        List<String> lines = new ArrayList<>(Arrays.asList(seed.split("\n", -1)));
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(lines.size());
            int op = random.nextInt(10);
            if (op < 7) {
                for (int tries = 0; tries < 20; tries++) {
                    Matcher matcher = SCALAR_LINE.matcher(lines.get(at));
                    if (matcher.matches()) {
                        lines.set(at, matcher.group(1) + yamlScalar(badValue(matcher.group(1))));
                        break;
                    }
                    at = random.nextInt(lines.size());
                }
            } else if (op == 7) {
                lines.remove(at);
                if (lines.isEmpty()) {
                    lines.add("");
                }
            } else if (op == 8) {
                lines.add(at, lines.get(at));
            } else {
                lines.add(at, List.of("kind: Widget", "  unknown: [1, {a: b}]", "\t: tab", "apiVersion: berth/v9",
                        "metadata: !!binary AAAA", "---", "...", "key: &a [*a]", "? complex\n: key").get(random.nextInt(9)));
            }
        }
        return String.join("\n", lines);
    }

    private String yamlScalar(Object value) {
        if (value instanceof String s) {
            return JSON.writeValueAsString(s); // a JSON string is a valid YAML double-quoted scalar
        }
        return JSON.writeValueAsString(value);
    }

    @SuppressWarnings("unchecked")
    private Object mutateTree(Object tree) {
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            tree = mutateAt(tree, 0);
        }
        return tree;
    }

    /** Walks down to a random node and replaces, deletes, duplicates or nests it. */
    @SuppressWarnings("unchecked")
    private Object mutateAt(Object node, int depth) {
        boolean descend = (node instanceof Map<?, ?> map && !map.isEmpty() || node instanceof List<?> list && !list.isEmpty())
                && (depth == 0 || random.nextInt(4) != 0);
        if (!descend) {
            return switch (random.nextInt(8)) {
                // Deeper documents are sent as text (special cases): the writer of this test recurses.
                case 0 -> depth > 100 ? badValue(null) : nest(node, 1 + random.nextInt(random.nextInt(10) == 0 ? 600 : 30));
                case 1 -> Arrays.asList(node, node);
                default -> badValue(null);
            };
        }
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) raw);
            List<String> keys = new ArrayList<>(map.keySet());
            String key = keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(10)) {
                case 0 -> map.remove(key);
                case 1 -> map.put(key + "X", map.get(key));
                case 2 -> map.put(badKey(), badValue(key));
                default -> map.put(key, mutateAt(map.get(key), depth + 1));
            }
            return map;
        }
        List<Object> list = new ArrayList<>((List<Object>) node);
        int at = random.nextInt(list.size());
        switch (random.nextInt(8)) {
            case 0 -> list.remove(at);
            case 1 -> {
                for (int i = 0, n = random.nextInt(5) == 0 ? 2000 : 2; i < n; i++) {
                    list.add(list.get(at));
                }
            }
            default -> list.set(at, mutateAt(list.get(at), depth + 1));
        }
        return list;
    }

    private Object nest(Object node, int depth) {
        Object nested = node;
        for (int i = 0; i < depth; i++) {
            nested = random.nextBoolean() ? java.util.Collections.singletonList(nested)
                    : java.util.Collections.singletonMap("a", nested);
        }
        return nested;
    }

    private String badKey() {
        return List.of("", " ", "unknownField", "ü🚀", "$ref", "__proto__", "a".repeat(10_000), "spec.containers[0]")
                .get(random.nextInt(8));
    }

    /** A wrong value, chosen with the key in mind when it is a duration or an expression. */
    private Object badValue(String key) {
        String k = key == null ? "" : key.toLowerCase();
        if ((k.contains("interval") || k.contains("timeout") || k.contains("period")) && random.nextBoolean()) {
            return badDuration();
        }
        if (k.contains("expression") && random.nextBoolean()) {
            return badExpression();
        }
        return switch (random.nextInt(20)) {
            case 0 -> "abc";
            case 1 -> true;
            case 2 -> 3.5;
            case 3 -> -1;
            case 4 -> 0;
            case 5 -> Long.MAX_VALUE;
            case 6 -> Long.MIN_VALUE;
            case 7 -> Integer.MAX_VALUE + 1L;
            case 8 -> 1e308;
            case 9 -> new java.math.BigInteger("9".repeat(40));
            case 10 -> "ünïcødé 🚀 \u202e\u200b ☃ 漢字";
            case 11 -> "\u0000\u0001\u001f";
            case 12 -> List.of(1, "a", Map.of());
            case 13 -> Map.of("x", List.of());
            case 14 -> null;
            case 15 -> hugeString();
            case 16 -> badDuration();
            case 17 -> badExpression();
            case 18 -> "";
            default -> "-" + random.nextInt(1_000_000);
        };
    }

    /** A string of 1 MiB at most 80 times (each costs a full parse, ~0.3 s for YAML); a 64 KiB one otherwise. */
    private String hugeString() {
        if (hugeStrings < 80) {
            hugeStrings++;
            return "x".repeat(ONE_MB);
        }
        return "y".repeat(65_536);
    }

    private String badDuration() {
        return List.of("2562047788015215h59m", "9223372036854775807s", "1h".repeat(5000), "-5s", "5", "1.5.5s",
                "1e9s", "P1Y", "99999999999999999999d", "5 s", "5S", "1m-1s", "0s", "h", "").get(random.nextInt(15));
    }

    private String badExpression() {
        return switch (random.nextInt(8)) {
            case 0 -> "(".repeat(5_000) + "attribute:a == b" + ")".repeat(5_000);
            case 1 -> "(".repeat(100_000);
            case 2 -> "attribute:a == b and ".repeat(20_000) + "attribute:a == b";
            case 3 -> "attribute:a =~ '(.*a){8}'";
            case 4 -> "attribute:zone in [" + "a, ".repeat(50_000) + "b]";
            case 5 -> "not(".repeat(10_000) + "attribute:a == b" + ")".repeat(10_000);
            case 6 -> "attribute:a =~ '(a|a?)+$' or attribute:b =~ '['";
            default -> "attribute:🚀 == \u0000";
        };
    }

    /** Alias bombs, deep nesting, unknown kinds, empty and odd documents. */
    private String special(String family, int i) {
        return switch (i % 10) {
            case 0 -> {
                StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
                for (char c = 'b'; c <= 'j'; c++) {
                    char p = (char) (c - 1);
                    bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*")
                            .append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*")
                            .append(p).append(",*").append(p).append(",*").append(p).append("]\n");
                }
                yield "apiVersion: berth/v1\nkind: TaskDefinition\nmetadata: {name: " + family + "}\nspec:\n  " + bomb.toString().replace("\n", "\n  ");
            }
            case 1 -> "[".repeat(1 + random.nextInt(200_000)) + "]".repeat(random.nextInt(3));
            case 2 -> "a:\n" + "  b:\n".repeat(0) + nestedYaml(1 + random.nextInt(5_000));
            case 3 -> "apiVersion: berth/v1\nkind: " + List.of("Widget", "taskdefinition", "", "~", "[]", "Service\u0000").get(i / 10 % 6)
                    + "\nmetadata: {name: x}\nspec: {}\n";
            case 4 -> "---\n".repeat(1 + random.nextInt(1000));
            case 5 -> "{".repeat(1 + random.nextInt(50_000));
            case 6 -> "apiVersion: berth/v1\nkind: TaskDefinition\nmetadata: {name: " + family + "}\nspec: &s {containers: [*s]}\n";
            case 7 -> "apiVersion: berth/v1\nkind: TaskDefinition\nmetadata: {name: " + "n".repeat(ONE_MB) + "}\nspec: {}\n";
            case 8 -> "\uFEFF\u0000\u00ff" + new String(new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, StandardCharsets.ISO_8859_1);
            default -> ("apiVersion: berth/v1\nkind: Service\nmetadata: {name: s%d, cluster: " + CLUSTER + "}\nspec: {taskDefinition: "
                    + family + ", desiredCount: 0}\n---\n").formatted(i).repeat(1 + random.nextInt(600));
        };
    }

    private static String nestedYaml(int depth) {
        StringBuilder yaml = new StringBuilder();
        for (int d = 0; d < depth; d++) {
            yaml.append(" ".repeat(d + 2)).append("k:\n");
        }
        return yaml.append(" ".repeat(depth + 2)).append("v\n").toString();
    }

    private Request queryCase(String family) {
        String task = random.nextInt(3) == 0 ? UUID.randomUUID().toString() : queryValue();
        return switch (random.nextInt(5)) {
            case 0, 1 -> {
                MockHttpServletRequestBuilder b = get("/v1/clusters/{c}/tasks", random.nextInt(10) == 0 ? queryValue() : CLUSTER);
                String q = "";
                for (String name : List.of("limit", "continue", "desiredStatus", "status", "family")) {
                    if (random.nextBoolean()) {
                        String v = queryValue();
                        b.param(name, v);
                        q += name + "=" + abbreviate(v) + " ";
                    }
                }
                yield new Request("list tasks", b, q);
            }
            case 2 -> {
                MockHttpServletRequestBuilder b = get("/v1/clusters/{c}/tasks/{id}/containers/{n}/logs", CLUSTER, task, "app");
                String q = "";
                for (String name : List.of("since", "tail", "follow")) {
                    if (random.nextBoolean()) {
                        String v = queryValue();
                        b.param(name, v);
                        q += name + "=" + abbreviate(v) + " ";
                    }
                }
                yield new Request("logs of " + task, b, q);
            }
            case 3 -> {
                String timeout = random.nextBoolean() ? badDuration() : queryValue();
                String yaml = taskDefinitionYaml(family);
                yield new Request("apply dryRun wait timeout=" + abbreviate(timeout), post("/v1/apply")
                        .param("dryRun", "true").param("wait", random.nextInt(5) == 0 ? queryValue() : "true")
                        .param("timeout", timeout).contentType(MediaType.parseMediaType("application/yaml")).content(yaml), yaml);
            }
            default -> {
                // Only positions that cannot be read: a valid one would open a stream that stays open.
                String since = "x" + queryValue();
                yield new Request("watch since=" + abbreviate(since), get("/v1/watch").param("since", since)
                        .param("cluster", CLUSTER), since);
            }
        };
    }

    private String queryValue() {
        return switch (random.nextInt(16)) {
            case 0 -> "-1";
            case 1 -> "0";
            case 2 -> "9223372036854775808";
            case 3 -> "99999999999999999999999999";
            case 4 -> "abc";
            case 5 -> "";
            case 6 -> "ü🚀\u202e";
            case 7 -> "%00";
            case 8 -> "1.5";
            case 9 -> badDuration();
            case 10 -> "y".repeat(random.nextBoolean() ? 10_000 : 100);
            case 11 -> "RUNNING";
            case 12 -> "2026-13-45T99:99:99Z";
            case 13 -> "-9223372036854775808";
            case 14 -> Long.toString(random.nextLong());
            default -> Integer.toString(random.nextInt(2000));
        };
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " chars)";
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
