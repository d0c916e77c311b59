package io.berth.reconciler.plan;

import io.berth.reconciler.scheduler.ClusterLoadBuilder;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskOptions;
import io.berth.reconciler.scheduler.placement.Placement;
import io.berth.reconciler.scheduler.placement.PlacementConstraint;
import io.berth.reconciler.scheduler.placement.PlacementStrategy;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerOverride;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOverrides;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.scheduler.ClusterLoad;
import io.berth.reconciler.scheduler.Scheduler;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class RunTaskPlannerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private final RunTaskPlanner planner = new RunTaskPlanner(Scheduler.defaults());

    private static ContainerInstance instance(UUID id, int memory) {
        return new ContainerInstance(id, "default", "unix:///x", "E" + id, "h" + id.toString().substring(35),
                ContainerInstance.InstanceStatus.ACTIVE, true, null, 2048, memory, Map.of());
    }

    private static TaskDefinition job(int memory) {
        return new TaskDefinition("job", 2, new TaskDefinitionSpec(List.of(new ContainerDefinition("main", "busybox:1.36",
                List.of("true"), null, Map.of(), 100, memory, null, true, List.of(), null)), null, null));
    }

    private static Supplier<UUID> ids() {
        AtomicInteger n = new AtomicInteger();
        return () -> new UUID(0, n.incrementAndGet());
    }

    private static ClusterLoad load(ContainerInstance... instances) {
        return ClusterLoadBuilder.build(List.of(instances), List.of(), arn -> null);
    }

    @Test
    void placesEachTaskAsAProvisioningRowOfNoService() {
        RunTaskPlan plan = planner.plan("default", job(256), TaskOverrides.NONE, 4, load(instance(A, 1024), instance(B, 1024)),
                NOW, ids());

        assertThat(plan.failures()).isEmpty();
        assertThat(plan.tasks()).hasSize(4).allSatisfy(t -> {
            assertThat(t.serviceId()).isNull();
            assertThat(t.serviceName()).isNull();
            assertThat(t.lastStatus()).isEqualTo(TaskStatus.PROVISIONING);
            assertThat(t.desiredStatus()).isEqualTo(TaskStatus.RUNNING);
            assertThat(t.taskDefinitionArn()).isEqualTo("job:2");
            assertThat(t.createdAt()).isEqualTo(NOW);
        });
        assertThat(plan.tasks().stream().map(t -> t.instanceId()).distinct()).containsExactlyInAnyOrder(A, B); // spread
    }

    @Test
    void tasksThatFitNowhereBecomeFailuresNamingTheReason() {
        // 1024 MiB hosts, 400 MiB tasks: two per host fit, the fifth and sixth do not.
        RunTaskPlan plan = planner.plan("default", job(400), TaskOverrides.NONE, 6, load(instance(A, 1024), instance(B, 1024)),
                NOW, ids());

        assertThat(plan.tasks()).hasSize(4);
        assertThat(plan.failures()).hasSize(2).allSatisfy(f -> {
            assertThat(f.taskDefinitionArn()).isEqualTo("job:2");
            assertThat(f.reason()).contains("2 instances checked").contains("lack memory (need 400 MiB");
        });
    }

    @Test
    void memoryOverrideIsWhatIsReservedAndPlaced() {
        TaskOverrides bigger = new TaskOverrides(List.of(new ContainerOverride("main", null, Map.of(), 512, 900)));
        RunTaskPlan plan = planner.plan("default", job(100), bigger, 2, load(instance(A, 1024)), NOW, ids());

        assertThat(plan.tasks()).hasSize(1).allSatisfy(t -> {
            assertThat(t.reservedMemory()).isEqualTo(900);
            assertThat(t.reservedCpu()).isEqualTo(512);
        });
        assertThat(plan.failures()).hasSize(1);
    }

    @Test
    void noInstancesAtAll() {
        RunTaskPlan plan = planner.plan("default", job(100), TaskOverrides.NONE, 1, load(), NOW, ids());

        assertThat(plan.tasks()).isEmpty();
        assertThat(plan.failures()).singleElement().satisfies(f ->
                assertThat(f.reason()).contains("no container instances are registered"));
    }

    private static ContainerInstance inZone(UUID id, String zone) {
        return new ContainerInstance(id, "default", "unix:///x", "E" + id, "h" + id.toString().substring(35),
                ContainerInstance.InstanceStatus.ACTIVE, true, null, 2048, 4096, Map.of("zone", zone));
    }

    @Test
    void theRequestsConstraintsAndTheTaskDefinitionsOwnBothHold() {
        UUID c = UUID.fromString("00000000-0000-0000-0000-00000000000c");
        TaskDefinition inZoneB = new TaskDefinition("job", 3, new TaskDefinitionSpec(job(64).spec().containers(), null, null,
                TaskOptions.DEFAULTS, List.of(PlacementConstraint.MemberOf.parse("attribute:zone == b"))));
        Placement distinct = new Placement(List.of(), List.of(new PlacementConstraint.DistinctInstance()));

        RunTaskPlan plan = planner.plan("default", inZoneB, TaskOverrides.NONE, distinct, 3,
                load(inZone(A, "a"), inZone(B, "b"), inZone(c, "b")), NOW, ids());

        assertThat(plan.tasks()).as("zone b only, one task per instance").extracting(Task::instanceId)
                .containsExactlyInAnyOrder(B, c);
        assertThat(plan.failures()).hasSize(1).first().satisfies(f -> assertThat(f.reason()).contains("zone"));
    }

    @Test
    void aBinpackRequestFillsOneHostBeforeTheNext() {
        Placement binpack = new Placement(List.of(new PlacementStrategy.Binpack(PlacementStrategy.Resource.MEMORY)), List.of());

        RunTaskPlan plan = planner.plan("default", job(256), TaskOverrides.NONE, binpack, 3,
                load(instance(A, 1024), instance(B, 1024)), NOW, ids());

        assertThat(plan.tasks()).extracting(Task::instanceId).containsOnly(plan.tasks().getFirst().instanceId());
    }
}
