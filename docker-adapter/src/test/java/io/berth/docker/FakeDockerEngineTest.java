package io.berth.docker;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeDockerEngineTest {

    private final FakeDockerEngine engine = new FakeDockerEngine("host-1").withCapacity(4, 8L << 30);
    private final List<EngineEvent> events = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    private static ContainerSpec web(String name) {
        return SpecBuilder.image("web:1").name(name).label("berth.service", "web").port(80, 0, "tcp")
                .healthCheck("true", Duration.ofSeconds(1), Duration.ofSeconds(1), 1).build();
    }

    private List<String> actions() {
        return events.stream().map(e -> e.action() + (e.detail() == null ? "" : ":" + e.detail())).toList();
    }

    private static EngineException.Kind kindOf(Runnable call) {
        try {
            call.run();
            return null;
        } catch (EngineException e) {
            return e.kind();
        }
    }

    @Test
    void lifecycleEmitsDockerLikeEventsAndCounts() {
        engine.events(Map.of("berth.service", "web"), events::add, errors::add);

        String id = engine.create(web("web-1"));
        engine.start(id);
        engine.setHealth(id, ContainerState.Health.HEALTHY);
        engine.stop(id, Duration.ofSeconds(1));
        engine.remove(id);
        engine.remove(id); // idempotent

        assertThat(id).isEqualTo("host-1-c1");
        assertThat(actions()).containsExactly("create", "start", "health_status:healthy", "kill", "die", "stop", "destroy");
        assertThat(engine.creates()).isEqualTo(1);
        assertThat(engine.starts()).isEqualTo(1);
        assertThat(engine.count(FakeDockerEngine.Op.REMOVE)).isEqualTo(2);
        assertThat(engine.info().cpus()).isEqualTo(4);
        assertThat(errors).isEmpty();
    }

    @Test
    void dynamicPortsAreDistinctAndReleased() {
        String a = engine.create(web("a"));
        String b = engine.create(web("b"));
        engine.start(a);
        engine.start(b);

        int portA = engine.inspect(a).orElseThrow().ports().getFirst().hostPort();
        int portB = engine.inspect(b).orElseThrow().ports().getFirst().hostPort();
        assertThat(portA).isEqualTo(32768);
        assertThat(portB).isEqualTo(32769);

        engine.kill(a, 1);
        assertThat(engine.inspect(a).orElseThrow()).satisfies(s -> {
            assertThat(s.exitCode()).isEqualTo(1);
            assertThat(s.ports()).isEmpty();
        });
    }

    @Test
    void oomKillAndFilters() {
        String id = engine.create(web("web-1"));
        engine.create(SpecBuilder.image("batch:1").name("job").label("berth.service", "batch").build());
        engine.start(id);
        engine.oomKill(id);

        assertThat(engine.list(Map.of("berth.service", "web"))).singleElement().satisfies(s -> {
            assertThat(s.exitCode()).as("like the real list: inspect for details").isNull();
            assertThat(s.running()).isFalse();
        });
        assertThat(engine.inspect(id).orElseThrow()).satisfies(s -> {
            assertThat(s.oomKilled()).isTrue();
            assertThat(s.exitCode()).isEqualTo(137);
            assertThat(s.running()).isFalse();
        });
        assertThat(engine.list(Map.of())).hasSize(2);
    }

    @Test
    void imagesAndRegistry() {
        engine.setImageAvailable("web:9", false);

        assertThat(engine.ensureImage("web:9", PullPolicy.DEFAULT).available()).isFalse();
        assertThat(kindOf(() -> engine.create(SpecBuilder.image("web:9").build()))).isEqualTo(EngineException.Kind.IMAGE_NOT_FOUND);
        assertThat(engine.ensureImage("web:1", PullPolicy.DEFAULT).pulled()).isTrue();

        engine.setRegistryReachable(false);
        assertThat(engine.ensureImage("web:1", PullPolicy.DEFAULT)).satisfies(r -> {
            assertThat(r.available()).isTrue();
            assertThat(r.message()).contains("using cached image");
        });
        assertThat(engine.ensureImage("web:1", PullPolicy.ALWAYS).available()).isFalse();
    }

    @Test
    void outagesFailCallsAndEndStreams() {
        engine.events(Map.of(), events::add, errors::add);
        engine.failNextCalls(2);

        assertThat(kindOf(engine::info)).isEqualTo(EngineException.Kind.UNREACHABLE);
        assertThat(kindOf(() -> engine.list(Map.of()))).isEqualTo(EngineException.Kind.UNREACHABLE);
        assertThat(engine.list(Map.of())).isEmpty();

        engine.setReachable(false);
        assertThat(engine.ping()).isFalse();
        assertThat(kindOf(() -> engine.create(web("x")))).isEqualTo(EngineException.Kind.UNREACHABLE);
        assertThat(errors).hasSize(1);
        assertThat(engine.subscriberCount()).isZero();

        engine.setReachable(true);
        assertThat(engine.create(web("x"))).isNotBlank();
        assertThatThrownBy(() -> engine.create(web("x"))).isInstanceOf(EngineException.class);
    }

    @Test
    void eventsCanBeDeliveredByAnExecutorTheTestControls() {
        Queue<Runnable> queued = new ArrayDeque<>();
        engine.withEventExecutor(queued::add);
        engine.events(Map.of(), events::add, errors::add);

        engine.start(engine.create(web("web-1")));
        assertThat(events).isEmpty();

        queued.forEach(Runnable::run);
        assertThat(actions()).containsExactly("create", "start");
    }

    @Test
    void subscribersMayCallBackAndConcurrentUseIsSafe() throws Exception {
        List<String> seenStatus = new CopyOnWriteArrayList<>();
        engine.events(Map.of(), e -> {
            if (e.action().equals("start")) {
                seenStatus.add(engine.inspect(e.containerId()).orElseThrow().status()); // re-entrant call
            }
        }, errors::add);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String name = "t-" + i;
            futures.add(pool.submit(() -> engine.start(engine.create(web(name)))));
        }
        for (var f : futures) f.get(10, TimeUnit.SECONDS);
        pool.shutdown();

        assertThat(engine.containerCount()).isEqualTo(200);
        assertThat(seenStatus).hasSize(200).containsOnly("running");
        assertThat(engine.list(Map.of()).stream().map(s -> s.ports().getFirst().hostPort()).distinct()).hasSize(200);
    }
}
