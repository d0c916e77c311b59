package io.berth.reconciler.pass;

import io.berth.reconciler.hosts.InstanceHealth;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.testing.InMemoryStateStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What placement decides on: a host failing to answer takes no new task, whatever its stored row says. */
class ClusterLoadReaderTest {

    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final InstanceHealth health = new InstanceHealth(clock, Duration.ofSeconds(10));
    private final ClusterLoadReader reader = new ClusterLoadReader(store, new TaskDefinitionCache(store), health);

    ClusterLoadReaderTest() {
        for (UUID id : List.of(A, B)) {
            store.putInstance(new ContainerInstance(id, "default", "tcp://" + id, "E" + id, id.toString(),
                    ContainerInstance.InstanceStatus.ACTIVE, true, null, 4096, 8192, Map.of()));
        }
        health.answered(A);
        health.answered(B);
    }

    @Test
    void aHostFailingToAnswerIsNotSchedulableThoughItsRowStillSaysConnected() {
        health.failed(B);

        var view = reader.read("default", ClusterLoadReader.LostHosts.KEPT, List.of());

        assertThat(view.load().instances().get(A).schedulable()).isTrue();
        assertThat(view.load().instances().get(B).schedulable())
                .as("the row says connected; the failed call since says otherwise").isFalse();
        assertThat(view.instances()).extracting(ContainerInstance::id).containsExactlyInAnyOrder(A, B);
    }

    @Test
    void aHostThatAnswersAgainIsSchedulableAgain() {
        health.failed(B);
        health.answered(B);

        var view = reader.read("default", ClusterLoadReader.LostHosts.KEPT, List.of());

        assertThat(view.load().instances().get(B).schedulable()).isTrue();
    }
}
