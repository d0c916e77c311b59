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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.berth.docker.DockerTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The engine's event stream, filtered by label, on the real local engine. */
@Tag("docker")
class EventsEngineTest {

    private static DockerEngine engine;
    private final String caseId = DockerTestSupport.newCaseId();
    private final List<EngineEvent> events = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

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

    private boolean seen(String id, String action, String detail) {
        return events.stream().anyMatch(e -> e.containerId().equals(id) && e.action().equals(action)
                && (detail == null || detail.equals(e.detail())));
    }

    @Test
    void healthStatusAndDieArriveForMatchingContainersOnly() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        DockerEngine.Subscription subscription = engine.events(Map.of("berth.case", caseId), e -> {
            events.add(e);
            if (e.action().equals("start")) started.countDown();
            if (e.action().equals("create")) throw new IllegalStateException("a buggy subscriber must not end the stream");
        }, errors::add);
        try {
            String other = engine.create(DockerTestSupport.testSpec("other-" + caseId).cmd("true").build());
            String id = engine.create(DockerTestSupport.testSpec(caseId).cmd("sleep", "300").init(true)
                    .healthCheck("true", Duration.ofMillis(200), Duration.ofSeconds(1), 1).build());
            engine.start(id);
            assertThat(started.await(10, TimeUnit.SECONDS)).as("start event").isTrue();

            await(Duration.ofSeconds(20), "health_status healthy event", () -> seen(id, "health_status", "healthy"));
            engine.stop(id, Duration.ofSeconds(5));
            await(Duration.ofSeconds(20), "die event", () -> seen(id, "die", null));

            EngineEvent health = events.stream().filter(e -> e.action().equals("health_status")).findFirst().orElseThrow();
            assertThat(health.labels()).containsEntry("berth.case", caseId).doesNotContainKey("image");
            assertThat(health.time()).isNotNull();
            assertThat(events).noneMatch(e -> e.containerId().equals(other));
            // the probes ran (healthy) yet their exec events were left out at the source
            assertThat(events).extracting(EngineEvent::action).noneMatch(a -> a.startsWith("exec_"));
            assertThat(engine.inspect(id).orElseThrow().exitCode()).isEqualTo(143);
        } finally {
            subscription.close();
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void closeStopsTheStreamWithoutError() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        DockerEngine.Subscription subscription = engine.events(Map.of("berth.case", caseId), e -> {
            events.add(e);
            first.countDown();
        }, errors::add);
        engine.create(DockerTestSupport.testSpec(caseId).cmd("true").build());
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();

        subscription.close();
        int before = events.size();
        engine.create(DockerTestSupport.testSpec(caseId).cmd("true").build());
        // The create above is answered only after the engine published its event: a live stream would have it by now,
        // give the (closed) reader thread a moment anyway via a second round trip.
        engine.list(Map.of("berth.case", caseId));

        assertThat(events).hasSize(before);
        assertThat(errors).isEmpty();
    }
}
