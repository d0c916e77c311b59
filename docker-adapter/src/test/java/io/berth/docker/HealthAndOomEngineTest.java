package io.berth.docker;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.berth.docker.DockerTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Memory limits, OOM kills and health checks on the real local engine. */
@Tag("docker")
class HealthAndOomEngineTest {

    private static DockerEngine engine;
    private final String caseId = DockerTestSupport.newCaseId();

    @BeforeAll
    static void connect() {
        engine = DockerTestSupport.localEngine();
    }

    @AfterEach
    void cleanUp() {
        DockerTestSupport.removeTestContainers(engine);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private ContainerState awaitState(String id, String what, java.util.function.Predicate<ContainerState> condition) {
        ContainerState[] last = new ContainerState[1];
        await(Duration.ofSeconds(30), what, () -> {
            last[0] = engine.inspect(id).orElseThrow();
            return condition.test(last[0]);
        });
        return last[0];
    }

    @Test
    void memoryHogIsOomKilled() {
        ContainerSpec spec = DockerTestSupport.testSpec(caseId).memory(8L << 20)
                .sh("x=a; while true; do x=$x$x; done").build();
        // Docker sets OOMKilled only when containerd's OOM event beats the exit event (containerd#8180); the
        // adapter also counts the engine's "oom" event, which it sees through an event subscription, as Berth's
        // reconciler always has one. Re-inspecting until then is what the reconciler's next pass does.
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        try (DockerEngine.Subscription ignored = engine.events(Map.of("berth.case", caseId), events::add, e -> { })) {
            String id = engine.create(spec);
            engine.start(id);

            awaitState(id, "exit", s -> !s.running() && "exited".equals(s.status()));
            ContainerState dead = awaitState(id, "the OOM kill reported (Docker's flag or its oom event)",
                    ContainerState::oomKilled);
            System.out.printf("OOM kill reported; the engine's events for it: %s%n",
                    events.stream().map(EngineEvent::action).toList());
            assertThat(dead.exitCode()).isEqualTo(137);
            assertThat(dead.finishedAt()).isNotNull();
        }
    }

    @Test
    void webServerBecomesHealthy() {
        ContainerSpec spec = DockerTestSupport.testSpec(caseId).cmd("httpd", "-f", "-p", "8080", "-h", "/www")
                .healthCheck("wget -q -O /dev/null http://127.0.0.1:8080/index.html", Duration.ofMillis(300), Duration.ofSeconds(2), 3)
                .build();
        String id = engine.create(spec);
        engine.start(id);

        assertThat(awaitState(id, "healthy", s -> s.health() == ContainerState.Health.HEALTHY).running()).isTrue();
        assertThat(engine.list(Map.of("berth.case", caseId)).getFirst().health()).isEqualTo(ContainerState.Health.HEALTHY);
    }

    @Test
    void failingCheckBecomesUnhealthy() {
        ContainerSpec spec = DockerTestSupport.testSpec(caseId).cmd("sleep", "300").init(true)
                .healthCheck("wget -q -O /dev/null http://127.0.0.1:9/", Duration.ofMillis(200), Duration.ofSeconds(1), 2)
                .build();
        String id = engine.create(spec);
        engine.start(id);

        assertThat(awaitState(id, "unhealthy", s -> s.health() == ContainerState.Health.UNHEALTHY).running()).isTrue();
    }
}
