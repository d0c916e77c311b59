package io.berth.reconciler.pass;

import io.berth.reconciler.hosts.InstanceHealth;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskOverrides;
import io.berth.reconciler.plan.RunTaskPlan;
import io.berth.reconciler.plan.RunTaskPlanner;
import io.berth.reconciler.scheduler.Scheduler;
import io.berth.reconciler.store.PlacementConflictException;
import io.berth.reconciler.testing.InMemoryStateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import static io.berth.reconciler.plan.Fixtures.CLUSTER;
import static io.berth.reconciler.plan.Fixtures.T0;
import static io.berth.reconciler.plan.Fixtures.container;
import static io.berth.reconciler.plan.Fixtures.id;
import static io.berth.reconciler.plan.Fixtures.instance;
import static io.berth.reconciler.plan.Fixtures.taskDef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** run-task claims its instances as a service placement does, and plans again on fresh load when it loses a claim. */
class StandaloneTaskRunnerTest {

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final StandaloneTaskRunner runner = new StandaloneTaskRunner(store, new RunTaskPlanner(Scheduler.defaults()),
            new ClusterLocks(), new InstanceHealth(clock, Duration.ofSeconds(10)), clock);
    private final TaskDefinition job = taskDef("job", 1, 256, 256, container("main", true));

    @BeforeEach
    void oneInstance() {
        store.putTaskDefinition(job);
        store.putInstance(instance(id(1), 1024, 1024));
    }

    private RunTaskPlan run(int count) {
        return runner.run(CLUSTER, job, count, TaskOverrides.NONE, "test", null);
    }

    @Test
    void claimsTheInstanceItPlacesOn() {
        assertThat(run(2).tasks()).hasSize(2);

        assertThat(store.instance(id(1)).orElseThrow().placementVersion()).isEqualTo(1);
        assertThat(store.allTasks()).hasSize(2);
    }

    @Test
    void aClaimLostToAnotherPlacementIsPlannedAgainOnFreshLoad() {
        store.competingPlacements(2);

        assertThat(run(1).tasks()).hasSize(1);

        assertThat(store.allTasks()).hasSize(1);
        assertThat(store.instance(id(1)).orElseThrow().placementVersion()).as("two competing claims, then ours")
                .isEqualTo(3);
    }

    @Test
    void givesUpAfterFiveLostClaimsStoringNothing() {
        store.competingPlacements(StandaloneTaskRunner.ATTEMPTS);

        assertThatThrownBy(() -> run(1)).isInstanceOf(PlacementConflictException.class);

        assertThat(store.allTasks()).isEmpty();
    }
}
