package io.berth.app.e2e;

import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What sampling costs: N idle tasks on the local engine, sampled every 5 s, and the share of a core the Berth process
 * uses meanwhile (sampling and the control loop's resyncs together: an upper bound of sampling's own cost). Prints
 * the figures; asserts only that every task got figures (on a busy engine not every task keeps a reading inside the
 * window at every moment: the figure says how many had one at the end). N: {@code -Dberth.bench.sampled-tasks} (default 40, 200 on
 * a machine of its own).
 */
@Tag("docker")
class TaskSamplingBenchIT {

    private static final int TASKS = Integer.getInteger("berth.bench.sampled-tasks", 40);
    private static final Duration MEASURED = Duration.ofSeconds(30);
    private static final String NAME = "e2e-sb-idle";
    private static DockerEngine docker;
    private static BerthProcess berth;

    @BeforeAll
    static void start() {
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        berth = new BerthProcess("sampling-bench", List.of("--berth.reconciler.resync-interval=10s",
                "--berth.reconciler.stop-timeout=1s", "--berth.task-metrics.sample-interval=5s",
                "--berth.task-metrics.window=30s"), "samplingbench");
        berth.start();
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            berth.close();
        }
        if (docker != null) {
            E2eContainers.removeManaged(docker, "berth.service", "e2e-sb-");
            docker.close();
        }
    }

    @Test
    void printsBerthsCpuShareWhileSamplingNTasks() {
        HttpResponse<String> applied = berth.send("POST", "/v1/apply", "application/yaml", """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %1$s}
                spec:
                  containers:
                    - {name: idle, image: busybox:1.36, command: [sleep, "3600"], cpu: 8, memory: 8}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %1$s, cluster: default}
                spec: {taskDefinition: %1$s, desiredCount: %2$d}
                """.formatted(NAME, TASKS));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        Await.until(Duration.ofSeconds(60 + TASKS), TASKS + " running tasks", () -> docker.list(
                Map.of("berth.service", NAME)).stream().filter(ContainerState::running).count() == TASKS);
        Await.until(Duration.ofSeconds(90), "figures of all " + TASKS + " tasks", () -> berth.getJson(
                "/v1/clusters/default/services/" + NAME + "/metrics").path("sampledTasks").asInt() == TASKS);

        Duration cpu0 = berth.cpuTime();
        long t0 = System.nanoTime();
        // the measured interval itself: Berth samples on its own meanwhile, nothing else is awaited
        Await.until(MEASURED.plusSeconds(10), "the measured interval", () -> System.nanoTime() - t0 >= MEASURED.toNanos());
        Duration cpu = berth.cpuTime().minus(cpu0);
        double wall = (System.nanoTime() - t0) / 1e9;
        JsonNode m = berth.getJson("/v1/clusters/default/services/" + NAME + "/metrics");
        double readings = TASKS * wall / 5.0;
        System.out.printf("sampling bench: N=%d tasks, sample interval 5s: Berth used %.1f %% of one core over %.0f s "
                        + "(%.2f ms of CPU per reading asked, upper bound); %d of %d tasks with figures, %d samples in "
                        + "the window%n",
                TASKS, 100.0 * cpu.toMillis() / 1000.0 / wall, wall, cpu.toMillis() / readings,
                m.path("sampledTasks").asInt(), TASKS, m.path("samples").asInt());
        HttpResponse<String> deleted = berth.send("DELETE", "/v1/clusters/default/services/" + NAME
                + "?wait=true&timeout=120s", null, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    }
}
