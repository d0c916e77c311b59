package io.berth.reconciler.store;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.HealthCheck;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.TaskDefinitionSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SpecJsonTest {

    private final SpecJson codec = new SpecJson();

    private static TaskDefinitionSpec full(Map<String, String> env) {
        ContainerDefinition web = new ContainerDefinition("httpd", "busybox:1.36", List.of("httpd", "-f"),
                List.of("/bin/sh", "-c"), env, 128, 64, 32, true,
                List.of(new PortMapping(8080, 0, "tcp"), new PortMapping(53, 5353, "udp")),
                new HealthCheck(List.of("CMD-SHELL", "true"), Duration.ofSeconds(5), Duration.ofMillis(500), 3,
                        Duration.ZERO));
        ContainerDefinition sidecar = new ContainerDefinition("log", "busybox:1.36", null, null, null, null, null,
                null, false, null, null);
        return new TaskDefinitionSpec(List.of(web, sidecar), 256, 128);
    }

    private static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }

    @Test
    void roundTripsEveryField() {
        TaskDefinitionSpec spec = full(env("B", "2", "A", "1"));
        assertThat(codec.fromJson(codec.toJson(spec))).isEqualTo(spec);
    }

    @Test
    void writesCanonicalJson() {
        TaskDefinitionSpec spec = new TaskDefinitionSpec(List.of(new ContainerDefinition("a", "img", null, null,
                env("Z", "1", "A", "2"), null, 64, null, true, List.of(new PortMapping(80, 0, "tcp")),
                new HealthCheck(List.of("CMD", "true"), Duration.ofSeconds(30), Duration.ofMillis(1500), 3,
                        Duration.ZERO))), null, null);
        assertThat(codec.toJson(spec)).isEqualTo(
                "{\"containers\":[{\"environment\":{\"A\":\"2\",\"Z\":\"1\"},\"essential\":true,"
                        + "\"healthCheck\":{\"command\":[\"CMD\",\"true\"],\"interval\":\"PT30S\",\"retries\":3,"
                        + "\"startPeriod\":\"PT0S\",\"timeout\":\"PT1.5S\"},\"image\":\"img\",\"memory\":64,"
                        + "\"name\":\"a\",\"portMappings\":[{\"containerPort\":80,\"hostPort\":0,\"protocol\":\"tcp\"}]}]}");
    }

    @Test
    void equalSpecsHashEqualWhateverTheEnvironmentOrder() {
        String first = codec.hash(full(env("A", "1", "B", "2")));
        String second = codec.hash(full(env("B", "2", "A", "1")));
        assertThat(first).isEqualTo(second).hasSize(64).matches("[0-9a-f]+");
        assertThat(codec.hash(full(env("A", "1", "B", "3")))).isNotEqualTo(first);
    }

    @Test
    void rejectsForeignJson() {
        assertThatIllegalArgumentException().isThrownBy(() -> codec.fromJson("{\"foo\":1}"));
        assertThatIllegalArgumentException().isThrownBy(() -> codec.fromJson("not json"));
        assertThatIllegalArgumentException().isThrownBy(() -> codec.fromJson(
                "{\"containers\":[{\"name\":\"a\",\"image\":\"i\",\"essential\":true,"
                        + "\"healthCheck\":{\"command\":[\"CMD\"],\"interval\":\"30s\",\"timeout\":\"PT1S\","
                        + "\"retries\":1,\"startPeriod\":\"PT0S\"}}]}"));
    }
}
