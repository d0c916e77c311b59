package io.berth.reconciler.loop;

import io.berth.docker.ContainerSpec;
import io.berth.docker.FakeDockerEngine;
import io.berth.reconciler.hosts.ExitHints;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.testing.VirtualClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Engine events become keys; events of a task whose launch or stop Berth has under way wake nothing. */
class EngineWatcherTest {

    private static final UUID INSTALLATION = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final UUID INSTANCE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-000000000051");

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final WorkQueue<ReconcileKey> queue = new WorkQueue<>(clock);
    private final FakeDockerEngine engine = new FakeDockerEngine("host-a").withClock(clock);
    private final EngineWatcher watcher = new EngineWatcher(queue, INSTALLATION, new ExitHints(clock));
    private final Set<UUID> busy = new HashSet<>();

    private String startContainerOf(UUID task) {
        Map<String, String> labels = Map.of(ContainerLabels.MANAGED, "true", ContainerLabels.INSTALLATION,
                INSTALLATION.toString(), ContainerLabels.CLUSTER, "default", ContainerLabels.TASK_ID, task.toString(),
                ContainerLabels.CONTAINER, "httpd", ContainerLabels.SERVICE_ID, SERVICE.toString(),
                ContainerLabels.SERVICE, "web");
        String id = engine.create(new ContainerSpec("c-" + task, "busybox:1.36", List.of("httpd"), null, Map.of(),
                labels, 16, 32L << 20, 0, List.of(), null, false, null));
        engine.start(id);
        return id;
    }

    private List<ReconcileKey> drain() {
        List<ReconcileKey> keys = new ArrayList<>();
        for (Optional<ReconcileKey> k = queue.poll(clock.instant()); k.isPresent(); k = queue.poll(clock.instant())) {
            keys.add(k.get());
            queue.done(k.get());
        }
        return keys;
    }

    @Test
    void eventsOfAServiceTaskWakeTheServiceUnlessBerthsOwnWorkOnTheTaskIsUnderWay() {
        watcher.skipEventsOfBusyTasks(busy::contains);
        watcher.ensureWatching(INSTANCE, "default", engine);
        UUID launching = UUID.randomUUID();
        UUID idle = UUID.randomUUID();
        busy.add(launching);

        startContainerOf(launching);
        assertThat(drain()).isEmpty(); // its launch ends soon and wakes the service itself

        String container = startContainerOf(idle);
        assertThat(drain()).containsExactly(new ReconcileKey.ServiceKey(SERVICE));

        busy.add(idle); // being stopped by Berth: its die wakes nothing, the stop's end will
        engine.kill(container, 137);
        assertThat(drain()).isEmpty();
        busy.remove(idle);
        engine.start(container);
        assertThat(drain()).containsExactly(new ReconcileKey.ServiceKey(SERVICE));
    }
}
