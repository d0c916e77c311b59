package io.berth.reconciler.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.reconciler.testing.VirtualClock;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every log line of a pass carries its key in the MDC, also the line of a failed pass; nothing leaks past it. */
class PassLogContextTest {

    final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    final VirtualClock clock = new VirtualClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aServicePassAndAnInstancePassCarryTheirIdsAndLeaveNothingBehind() {
        UUID service = UUID.randomUUID();
        UUID instance = UUID.randomUUID();
        ControlLoop loop = new ControlLoop(new WorkQueue<>(clock), key -> {
            seen.add(copy());
            return Optional.empty();
        });

        loop.process(new ReconcileKey.ServiceKey(service));
        loop.process(new ReconcileKey.InstanceKey(instance));
        loop.process(new ReconcileKey.Resync());

        assertThat(seen).containsExactly(
                Map.of("berth.pass", "service", "berth.service_id", service.toString()),
                Map.of("berth.pass", "instance", "berth.instance_id", instance.toString()),
                Map.of("berth.pass", "resync"));
        assertThat(copy()).isEmpty();
    }

    @Test
    void aFailedPassIsClearedToo() {
        ControlLoop loop = new ControlLoop(new WorkQueue<>(clock), key -> {
            seen.add(copy());
            throw new IllegalStateException("boom");
        });

        loop.process(new ReconcileKey.ServiceKey(UUID.randomUUID()));

        assertThat(seen).hasSize(1);
        assertThat(seen.getFirst()).containsKey("berth.service_id");
        assertThat(copy()).isEmpty();
    }

    private static Map<String, String> copy() {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return context == null ? Map.of() : new HashMap<>(context);
    }
}
