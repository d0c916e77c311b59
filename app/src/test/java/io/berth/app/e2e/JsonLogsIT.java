package io.berth.app.e2e;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code BERTH_LOG_FORMAT=json} (here {@code --berth.log-format=json}) on the packaged jar: every log line is one
 * JSON object in Elastic Common Schema, and the reconciler's lines carry the pass's service and cluster
 * ({@code berth.service}, {@code berth.cluster}, from the MDC).
 */
@Tag("docker")
class JsonLogsIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MANIFEST = """
            apiVersion: berth/v1
            kind: TaskDefinition
            metadata: {name: e2e-json-logs}
            spec:
              containers:
                - {name: main, image: busybox:1.36, command: [sleep, "300"], memory: 16}
            ---
            apiVersion: berth/v1
            kind: Service
            metadata: {name: e2e-json-logs}
            spec: {taskDefinition: e2e-json-logs, desiredCount: 1}
            """;

    @Test
    void everyLogLineIsJsonAndReconcilerLinesNameTheirService() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        List<String> notJson = new ArrayList<>();
        try (BerthProcess berth = new BerthProcess("json-logs", List.of("--berth.log-format=json"), "json_logs")) {
            berth.start();
            HttpResponse<String> applied = berth.send("POST", "/v1/apply", "application/yaml", MANIFEST);
            assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
            // A viewer token, stored in the real database, reads but may not apply: 403 naming what it lacks.
            String name = "e2e-viewer-" + java.util.UUID.randomUUID().toString().substring(0, 8); // shared database
            HttpResponse<String> token = berth.send("POST", "/v1/tokens", "application/json",
                    "{\"name\":\"" + name + "\",\"role\":\"viewer\",\"clusters\":[\"default\"]}");
            assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
            String viewer = JSON.readTree(token.body()).path("secret").asString();
            assertThat(berth.send("GET", "/v1/clusters/default/services", null, null, viewer).statusCode()).isEqualTo(200);
            HttpResponse<String> refused = berth.send("POST", "/v1/apply", "application/yaml", MANIFEST, viewer);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(JSON.readTree(refused.body()).path("message").asString()).isEqualTo("token '" + name
                    + "' (role viewer, clusters [default]) may not create task-definitions");
            Await.until(Duration.ofSeconds(60), "a running task", () -> berth.getJson(
                    "/v1/clusters/default/services/e2e-json-logs").path("runningCount").asInt() == 1);
            // deleting logs "service default/e2e-json-logs deleted" from the service's pass
            HttpResponse<String> deleted = berth.send("DELETE",
                    "/v1/clusters/default/services/e2e-json-logs?wait=true&timeout=60s", null, null);
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
            berth.close();
            for (String line : Files.readAllLines(berth.log())) {
                if (line.isBlank() || line.startsWith("==== start") || line.startsWith("WARNING: ")) {
                    continue; // the test's own marker, the JVM's native-access warnings (stderr, not logging)
                }
                try {
                    lines.add(JSON.readTree(line));
                } catch (JacksonException e) {
                    notJson.add(line);
                }
            }
        }

        assertThat(notJson).isEmpty();
        assertThat(lines).hasSizeGreaterThan(10);
        for (JsonNode line : lines) {
            assertThat(line.has("@timestamp")).as(line.toString()).isTrue();
            assertThat(field(line, "log", "level")).as(line.toString()).isNotBlank();
            assertThat(field(line, "log", "logger")).as(line.toString()).isNotBlank();
            assertThat(line.path("message").isString()).as(line.toString()).isTrue();
        }
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("message").asString()).isEqualTo("service default/e2e-json-logs deleted");
            assertThat(field(line, "berth", "service")).isEqualTo("e2e-json-logs");
            assertThat(field(line, "berth", "cluster")).isEqualTo("default");
            assertThat(field(line, "berth", "pass")).isEqualTo("service");
            assertThat(field(line, "berth", "service_id")).hasSize(36);
        });
    }

    /** ECS names fields with dots; a formatter may nest them ({"log": {"level": ...}}) or not ("log.level"). */
    private static String field(JsonNode line, String parent, String child) {
        JsonNode nested = line.path(parent).path(child);
        return nested.isMissingNode() ? line.path(parent + "." + child).asString("") : nested.asString("");
    }
}
