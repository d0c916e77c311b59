package io.berth.app.controlloop;

import io.berth.app.BerthContextTest;
import io.berth.db.repository.ServiceRepository;
import io.berth.reconciler.autoscaling.ActionState;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import io.berth.reconciler.desiredstate.NewService;
import io.berth.reconciler.desiredstate.NewTaskDefinition;
import io.berth.reconciler.desiredstate.ScheduledScalingWrite;
import io.berth.reconciler.desiredstate.ServiceConfiguration;
import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.model.ScheduledScalingAction;
import io.berth.reconciler.model.ServiceSpec;
import io.berth.reconciler.store.ActionStatesJson;
import io.berth.reconciler.store.ServiceSpecJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduled action's stored state (when it was armed, its latest firing, hence the range it set) on real
 * PostgreSQL, through the one write path: removing the action, or the whole autoScaling, deletes it, so that the
 * action declared again later starts fresh (ECS semantics).
 */
class ScheduledActionStateWritesTest extends BerthContextTest {

    private static final Instant ARMED = Instant.parse("2026-12-06T12:00:00Z");
    private static final Instant FIRED = Instant.parse("2026-12-06T19:00:00Z");
    private static final ScheduledScalingAction NIGHT = new ScheduledScalingAction("night", "0 19 * * *", null, 0, 0);
    private static final ScheduledScalingAction MORNING =
            new ScheduledScalingAction("morning", "0 7 * * *", null, 2, 10);

    @Autowired
    DesiredStateWrites writes;
    @Autowired
    ServiceRepository services;

    private final ServiceSpecJson specJson = new ServiceSpecJson();
    private String family;
    private UUID service;

    private String spec(AutoScaling autoScaling) {
        return specJson.toJson(new ServiceSpec(family, 4, null, null, null, List.of(), false, null, autoScaling));
    }

    private static AutoScaling scaling(ScheduledScalingAction... actions) {
        return new AutoScaling(2, 10, List.of(), List.of(), List.of(actions));
    }

    private void configure(AutoScaling autoScaling) {
        int count = services.findById(service).orElseThrow().getDesiredCount();
        writes.configureService(new ServiceConfiguration(service, family, family + ":1", count, spec(autoScaling),
                "{}", "service web was updated: autoScaling"));
    }

    private Map<String, ActionState> stored() {
        return ActionStatesJson.fromJson(services.findById(service).orElseThrow().getScheduledActions());
    }

    @BeforeEach
    void nightHasFired() {
        String cluster = "sa-" + UUID.randomUUID().toString().substring(0, 8);
        family = "fam-" + cluster;
        writes.ensureCluster(cluster);
        writes.registerTaskDefinitions(List.of(new NewTaskDefinition(family, 1, "{\"containers\":[]}", "h")));
        service = writes.createService(new NewService(cluster, "web", family, family + ":1", 4,
                spec(scaling(NIGHT, MORNING)), "{}"));
        assertThat(writes.recordScheduledScaling(new ScheduledScalingWrite(service, 4, 0,
                Map.of("night", new ActionState(ARMED, FIRED), "morning", new ActionState(ARMED, null)),
                List.of("scheduled action night set min 0 max 0: desired 4 -> 0 (range 0..0)")), FIRED)).isTrue();
    }

    @Test
    void removingOneActionDeletesItsStateAndReAddingItStartsFresh() {
        configure(scaling(MORNING));
        assertThat(stored()).containsOnlyKeys("morning");

        configure(scaling(NIGHT, MORNING));
        assertThat(stored()).doesNotContainKey("night").containsEntry("morning", new ActionState(ARMED, null));
    }

    @Test
    void removingAutoScalingDeletesEveryActionsState() {
        configure(null);
        assertThat(stored()).isEmpty();

        configure(scaling(NIGHT, MORNING));
        assertThat(stored()).isEmpty();
    }

    /** A round that read the spec before the action was removed writes its states after: the removed one is not kept. */
    @Test
    void aRoundDecidedOnTheOldSpecDoesNotBringARemovedActionBack() {
        configure(scaling(MORNING));

        assertThat(writes.recordScheduledScaling(new ScheduledScalingWrite(service, 0, 0,
                Map.of("night", new ActionState(ARMED, FIRED), "morning", new ActionState(ARMED, null)), List.of()),
                FIRED.plusSeconds(60))).isTrue();

        assertThat(stored()).containsOnlyKeys("morning");
    }
}
