package io.berth.app.controlloop;

import io.berth.app.BerthContextTest;
import io.berth.db.model.ServiceEventEntity;
import io.berth.db.repository.ServiceEventRepository;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import io.berth.reconciler.desiredstate.NewService;
import io.berth.reconciler.desiredstate.NewTaskDefinition;
import io.berth.reconciler.desiredstate.ServiceEventRetention;
import io.berth.reconciler.store.StateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's event log keeps its newest {@link ServiceEventRetention#KEPT} events on real PostgreSQL, whoever
 * appends: the control loop through the state store, or the API through {@link DesiredStateWrites} (which also
 * writes the service, with its "was created" event, here).
 */
class ServiceEventTrimTest extends BerthContextTest {

    private static final Instant NOW = Instant.parse("2026-12-07T05:00:00Z");

    @Autowired
    StateStore store;
    @Autowired
    DesiredStateWrites writes;
    @Autowired
    ServiceEventRepository events;

    private UUID service;

    @BeforeEach
    void seed() {
        String cluster = "ev-" + UUID.randomUUID().toString().substring(0, 8);
        writes.ensureCluster(cluster);
        writes.registerTaskDefinitions(List.of(new NewTaskDefinition("fam-" + cluster, 1, "{\"containers\":[]}", "h")));
        service = writes.createService(new NewService(cluster, "web", "fam-" + cluster, "fam-" + cluster + ":1", 1, "{}",
                "{}"));
    }

    private static List<String> messages(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + " " + i).toList();
    }

    private List<String> stored() {
        return events.findLatest(service, 1000).stream().map(ServiceEventEntity::getMessage).toList();
    }

    @Test
    void theApiAppendsAreTrimmedLikeTheLoops() {
        writes.appendEvents(service, messages("api", ServiceEventRetention.KEPT + 20), NOW);

        assertThat(stored()).hasSize(ServiceEventRetention.KEPT).first().isEqualTo("api 120");
        assertThat(stored()).last().isEqualTo("api 21");
    }

    @Test
    void aFullLogFilledByTheLoopLosesItsOldestWhenTheApiWrites() {
        store.appendEvents(service, messages("loop", ServiceEventRetention.KEPT), NOW);

        writes.drainService(service, "service web is being deleted: draining its tasks");

        assertThat(stored()).hasSize(ServiceEventRetention.KEPT)
                .first().isEqualTo("service web is being deleted: draining its tasks");
        assertThat(stored()).doesNotContain("loop 1").contains("loop 2");
    }

    @Test
    void aFullLogFilledByTheApiLosesItsOldestWhenTheLoopWrites() {
        writes.appendEvents(service, messages("api", ServiceEventRetention.KEPT), NOW);

        store.appendEvents(service, List.of("service web has reached a steady state."), NOW);

        assertThat(stored()).hasSize(ServiceEventRetention.KEPT).first()
                .isEqualTo("service web has reached a steady state.");
        assertThat(stored()).doesNotContain("api 1").contains("api 2");
    }

    @Test
    void aServiceDeletedMeanwhileGetsNoEvents() {
        UUID gone = UUID.randomUUID();

        writes.appendEvents(gone, List.of("late"), NOW);

        assertThat(events.findLatest(gone, 10)).isEmpty();
    }
}
