package io.berth.app.metrics;

import io.berth.docker.ContainerSpec;
import io.berth.docker.EngineException;
import io.berth.docker.FakeDockerEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeteredDockerEngineTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeDockerEngine fake = new FakeDockerEngine("h1");
    private final MeteredDockerEngine engine = new MeteredDockerEngine(fake, registry, "unix:///h1.sock");

    private long count(String op, String outcome) {
        var timer = registry.find("berth.docker.calls").tags("host", "unix:///h1.sock", "op", op, "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void timesEveryCallPerHostOperationAndOutcome() {
        String id = engine.create(new ContainerSpec("c", "busybox:1.36", List.of(), List.of(), Map.of(), Map.of(),
                0, 0, 0, List.of(), null, false, null));
        engine.start(id);
        engine.list(Map.of());
        engine.list(Map.of());

        assertThat(count("create", "ok")).isEqualTo(1);
        assertThat(count("start", "ok")).isEqualTo(1);
        assertThat(count("list", "ok")).isEqualTo(2);
    }

    @Test
    void errorsAreCountedByKindAndStillThrown() {
        fake.failNextCalls(1);

        assertThatThrownBy(() -> engine.list(Map.of())).isInstanceOf(EngineException.class);
        assertThat(count("list", "unreachable")).isEqualTo(1);
        assertThat(count("list", "ok")).isZero();
    }
}
