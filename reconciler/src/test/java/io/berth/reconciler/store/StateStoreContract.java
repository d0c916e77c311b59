package io.berth.reconciler.store;

import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerOverride;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.model.HealthStatus;
import io.berth.reconciler.model.HostPort;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.ServiceEvent;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskOverrides;
import io.berth.reconciler.model.TaskReservation;
import io.berth.reconciler.model.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.berth.reconciler.plan.Fixtures.container;
import static io.berth.reconciler.plan.Fixtures.taskDef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What every {@link StateStore} does, run against the in-memory store the scenario tests use and the JPA store on
 * real PostgreSQL. Production is the truth: where the two differ, the in-memory store is the one to change, or the
 * scenario tests pass on behaviour production does not have. Times are whole seconds (PostgreSQL keeps microseconds).
 */
public abstract class StateStoreContract {

    protected static final String CLUSTER = "contract";
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    protected static final TaskDefinition WEB_1 = taskDef("web", 1, 256, 512, container("app", true));
    protected static final TaskDefinition WEB_2 = taskDef("web", 2, 256, 512, container("app", true));

    /** The store under test, empty but for what the {@code given} methods put in. */
    protected abstract StateStore store();

    /** Stores the task definition (and nothing when it is there). */
    protected abstract void givenTaskDefinition(TaskDefinition td);

    /** Stores an ACTIVE service of the cluster on {@code td} (stored too), without deployments; returns its id. */
    protected abstract UUID givenService(String name, TaskDefinition td, int desiredCount);

    /** Stores an ACTIVE DAEMON service of the cluster on {@code td} (stored too), without deployments; returns its id. */
    protected abstract UUID givenDaemonService(String name, TaskDefinition td);

    /** Registers an ACTIVE, connected instance in the cluster; returns it as the store reads it. */
    protected abstract ContainerInstance givenInstance(int cpu, int memory, Set<HostPort> reservedPorts);

    /** How many events the store keeps for the service (no read of the interface says). */
    protected abstract int eventCount(UUID serviceId);

    // ---- services ----

    @Test
    void readsAServiceBack() {
        UUID id = givenService("web", WEB_1, 3);

        ServiceState s = store().service(id).orElseThrow();

        assertThat(s.name()).isEqualTo("web");
        assertThat(s.cluster()).isEqualTo(CLUSTER);
        assertThat(s.desiredCount()).isEqualTo(3);
        assertThat(s.taskDefinition()).isEqualTo(WEB_1);
        assertThat(s.deleting()).isFalse();
        assertThat(s.deployments()).isEmpty();
        assertThat(store().serviceIds()).containsExactly(id);
        assertThat(store().service(UUID.randomUUID())).isEmpty();
    }

    @Test
    void daemonServicesAreListedAndKeepTheCountTheirPassRecords() {
        UUID replica = givenService("web", WEB_1, 3);
        UUID daemon = givenDaemonService("agent", WEB_1);

        assertThat(store().daemonServices(CLUSTER)).containsExactly(daemon);
        assertThat(store().daemonServices("elsewhere")).isEmpty();
        assertThat(store().service(daemon).orElseThrow().isDaemon()).isTrue();
        assertThat(store().service(replica).orElseThrow().isDaemon()).isFalse();

        store().startDeployment(daemon, WEB_1.arn(), Deployment.Trigger.CREATED, T0);
        store().recordDaemonCount(daemon, 4, T0.plusSeconds(1));

        ServiceState after = store().service(daemon).orElseThrow();
        assertThat(after.desiredCount()).isEqualTo(4);
        assertThat(after.primary().orElseThrow().desiredCount()).isEqualTo(4);
        assertThat(store().service(replica).orElseThrow().desiredCount()).isEqualTo(3);
    }

    @Test
    void readsTaskDefinitionsByArnAndLeavesMissingOnesOut() {
        givenTaskDefinition(WEB_1);

        assertThat(store().taskDefinitions(List.of("web:1", "web:9"))).containsExactly(Map.entry("web:1", WEB_1));
    }

    @Test
    void deletingAServiceKeepsItsTasksDetachedAndDropsItsEvents() {
        UUID service = givenService("web", WEB_1, 1);
        ContainerInstance host = givenInstance(1024, 2048, null);
        Task t = task(service, host.id(), T0);
        store().placeTasks(List.of(t), versions(host));
        store().appendEvents(service, List.of("service web has started 1 tasks"), T0);

        store().deleteService(service);

        assertThat(store().service(service)).isEmpty();
        assertThat(store().serviceIds()).doesNotContain(service);
        assertThat(store().lastEvent(service)).isEmpty();
        Task kept = store().tasks(List.of(t.id())).get(t.id());
        assertThat(kept.serviceId()).isNull();
        assertThat(kept.serviceName()).isEqualTo("web");
        assertThat(store().tasksOfService(service, 10)).isEmpty();
        store().appendEvents(service, List.of("too late"), T0.plusSeconds(1)); // ignored, not an error
        assertThat(store().lastEvent(service)).isEmpty();
    }

    // ---- placing tasks ----

    @Test
    void placingClaimsEachTargetInstanceOnce() {
        UUID service = givenService("web", WEB_1, 3);
        ContainerInstance a = givenInstance(1024, 2048, null);
        ContainerInstance b = givenInstance(1024, 2048, null);
        List<Task> placed = List.of(task(service, a.id(), T0), task(service, a.id(), T0.plusSeconds(1)),
                task(service, b.id(), T0.plusSeconds(2)));

        store().placeTasks(placed, versions(a, b));

        assertThat(store().instance(a.id()).orElseThrow().placementVersion()).isEqualTo(a.placementVersion() + 1);
        assertThat(store().instance(b.id()).orElseThrow().placementVersion()).isEqualTo(b.placementVersion() + 1);
        assertThat(store().tasksOfService(service, 0)).extracting(Task::id)
                .containsExactlyElementsOf(placed.stream().map(Task::id).toList());
        assertThat(store().tasksOfService(service, 0)).allSatisfy(t -> {
            assertThat(t.lastStatus()).isEqualTo(TaskStatus.PROVISIONING);
            assertThat(t.desiredStatus()).isEqualTo(TaskStatus.RUNNING);
        });
    }

    @Test
    void aPlacementOnAStaleVersionConflictsAndStoresNothing() {
        UUID service = givenService("web", WEB_1, 2);
        ContainerInstance a = givenInstance(1024, 2048, null);
        ContainerInstance b = givenInstance(1024, 2048, null);
        store().placeTasks(List.of(task(service, a.id(), T0)), versions(a)); // a moved on

        List<Task> late = List.of(task(service, b.id(), T0.plusSeconds(1)), task(service, a.id(), T0.plusSeconds(1)));
        assertThatThrownBy(() -> store().placeTasks(late, versions(a, b)))
                .isInstanceOf(PlacementConflictException.class);

        assertThat(store().tasksOfService(service, 0)).hasSize(1);
        assertThat(store().instance(b.id()).orElseThrow().placementVersion())
                .as("all or nothing: b's claim is rolled back").isEqualTo(b.placementVersion());
    }

    @Test
    void aPlacementOnAnInstanceWhoseVersionWasNotReadConflicts() {
        UUID service = givenService("web", WEB_1, 1);
        ContainerInstance a = givenInstance(1024, 2048, null);

        assertThatThrownBy(() -> store().placeTasks(List.of(task(service, a.id(), T0)), Map.of()))
                .isInstanceOf(PlacementConflictException.class);
        assertThat(store().tasksOfService(service, 0)).isEmpty();
    }

    @Test
    void anInstanceKeepsItsReservedPortsThroughPlacementsAndContacts() {
        UUID service = givenService("web", WEB_1, 1);
        Set<HostPort> reserved = Set.of(new HostPort(22, "tcp"), new HostPort(8080, "tcp"));
        ContainerInstance a = givenInstance(1024, 2048, reserved);

        store().placeTasks(List.of(task(service, a.id(), T0)), versions(a));
        store().recordInstanceContact(a.id(), true, T0.plusSeconds(5));

        assertThat(store().instance(a.id()).orElseThrow().reservedPorts()).isEqualTo(reserved);
    }

    @Test
    void oneOffTasksAreStoredWithTheirOverridesAndClaimTheirInstances() {
        givenTaskDefinition(WEB_1);
        ContainerInstance a = givenInstance(1024, 2048, null);
        Task job = task(null, a.id(), T0);
        TaskOverrides overrides = new TaskOverrides(List.of(new ContainerOverride("app", List.of("echo", "hi"),
                Map.of("MODE", "batch"), null, null)));

        store().insertStandaloneTasks(List.of(job), versions(a), overrides, "ci", "family:web");

        assertThat(store().standaloneTaskIds()).containsExactly(job.id());
        assertThat(store().overridesOf(job.id())).isEqualTo(overrides);
        assertThat(store().overridesOf(UUID.randomUUID())).isEqualTo(TaskOverrides.NONE);
        assertThat(store().instance(a.id()).orElseThrow().placementVersion()).isEqualTo(a.placementVersion() + 1);
        Task second = task(null, a.id(), T0);
        assertThatThrownBy(() -> store().insertStandaloneTasks(List.of(second), versions(a), TaskOverrides.NONE,
                null, null)).isInstanceOf(PlacementConflictException.class);
        assertThat(store().standaloneTaskIds()).containsExactly(job.id());

        store().markStopped(job.id(), StopCode.EssentialContainerExited, "done", List.of(), T0.plusSeconds(9));
        assertThat(store().standaloneTaskIds()).isEmpty();
    }

    // ---- a task's life ----

    @Test
    void aStopRequestKeepsTheFirstCodeAndReason() {
        Task t = placedTask();

        store().requestStop(t.id(), StopCode.TaskFailedHealthChecks, "unhealthy", T0.plusSeconds(1));
        store().requestStop(t.id(), StopCode.ServiceSchedulerInitiated, "scaled in", T0.plusSeconds(2));

        Task read = read(t);
        assertThat(read.desiredStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(read.lastStatus()).as("the containers are still there").isEqualTo(TaskStatus.PROVISIONING);
        assertThat(read.stopCode()).isEqualTo(StopCode.TaskFailedHealthChecks);
        assertThat(read.stoppedReason()).isEqualTo("unhealthy");
        assertThat(read.isActive()).isFalse();
    }

    @Test
    void stopRequestsOfAPassAllLand() {
        UUID service = givenService("web", WEB_1, 2);
        ContainerInstance a = givenInstance(1024, 2048, null);
        Task one = task(service, a.id(), T0);
        Task two = task(service, a.id(), T0.plusSeconds(1));
        store().placeTasks(List.of(one, two), versions(a));

        store().requestStops(List.of(new StateStore.StopRequest(one.id(), StopCode.ServiceSchedulerInitiated, "a"),
                new StateStore.StopRequest(two.id(), StopCode.UserInitiated, "b")), T0.plusSeconds(3));

        assertThat(read(one).stopCode()).isEqualTo(StopCode.ServiceSchedulerInitiated);
        assertThat(read(two).stoppedReason()).isEqualTo("b");
        assertThat(List.of(read(one), read(two))).allMatch(t -> t.desiredStatus() == TaskStatus.STOPPED);
    }

    @Test
    void pendingFollowsProvisioningOnly() {
        UUID service = givenService("web", WEB_1, 3);
        ContainerInstance a = givenInstance(2048, 4096, null);
        Task one = task(service, a.id(), T0);
        Task two = task(service, a.id(), T0.plusSeconds(1));
        Task three = task(service, a.id(), T0.plusSeconds(2));
        store().placeTasks(List.of(one, two, three), versions(a));
        store().markRunning(three.id(), List.of(running("app", "d-3")), T0.plusSeconds(5), T0.plusSeconds(5));

        store().markPending(one.id(), T0.plusSeconds(6));
        store().markPending(List.of(two.id(), three.id()), T0.plusSeconds(6));

        assertThat(read(one).lastStatus()).isEqualTo(TaskStatus.PENDING);
        assertThat(read(two).lastStatus()).isEqualTo(TaskStatus.PENDING);
        assertThat(read(three).lastStatus()).as("never back from RUNNING").isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void runningRecordsTheContainersAndTheFirstStart() {
        Task t = placedTask();
        TaskContainer app = new TaskContainer("app", "d-1", TaskStatus.RUNNING, null, null,
                List.of(new PortMapping(80, 32768, "tcp")), HealthStatus.STARTING);

        store().markRunning(t.id(), List.of(app), T0.plusSeconds(5), T0.plusSeconds(6));
        TaskContainer healthy = new TaskContainer("app", "d-1", TaskStatus.RUNNING, null, null,
                List.of(new PortMapping(80, 32768, "tcp")), HealthStatus.HEALTHY);
        store().markRunning(t.id(), List.of(healthy), T0.plusSeconds(30), T0.plusSeconds(31));

        Task read = read(t);
        assertThat(read.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(read.startedAt()).as("the first start stays").isEqualTo(T0.plusSeconds(5));
        assertThat(read.containers()).containsExactly(healthy);
        assertThat(read.isActive()).isTrue();
    }

    @Test
    void recordingContainersReplacesThemAndKeepsTheStatus() {
        Task t = placedTask();
        TaskContainer exited = new TaskContainer("app", "d-1", TaskStatus.STOPPED, 137,
                "OutOfMemoryError: container killed due to memory usage", List.of(), HealthStatus.UNKNOWN);

        store().recordContainers(t.id(), List.of(exited), T0.plusSeconds(2));

        assertThat(read(t).containers()).containsExactly(exited);
        assertThat(read(t).lastStatus()).isEqualTo(TaskStatus.PROVISIONING);
    }

    @Test
    void stoppedIsFinal() {
        Task t = placedTask();
        store().requestStop(t.id(), StopCode.UserInitiated, "stopped by user", T0.plusSeconds(1));

        store().markStopped(t.id(), StopCode.EssentialContainerExited, "exited", List.of(stopped("app", "d-1", 0)),
                T0.plusSeconds(4));
        store().markStopped(t.id(), StopCode.HostLost, "lost", List.of(), T0.plusSeconds(8));
        store().markRunning(t.id(), List.of(running("app", "d-2")), T0.plusSeconds(9), T0.plusSeconds(9));

        Task read = read(t);
        assertThat(read.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(read.desiredStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(read.stopCode()).as("the first reason stays").isEqualTo(StopCode.UserInitiated);
        assertThat(read.stoppedReason()).isEqualTo("stopped by user");
        assertThat(read.stoppedAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(read.containers()).containsExactly(stopped("app", "d-1", 0));
    }

    @Test
    void aStopWithoutAnEarlierReasonRecordsItsOwn() {
        Task t = placedTask();

        store().markStopped(t.id(), StopCode.TaskFailedToStart, "CannotPullContainerError", List.of(),
                T0.plusSeconds(3));

        assertThat(read(t).stopCode()).isEqualTo(StopCode.TaskFailedToStart);
        assertThat(read(t).stoppedReason()).isEqualTo("CannotPullContainerError");
    }

    @Test
    void writesToAnUnknownTaskFail() {
        assertThatThrownBy(() -> store().markRunning(UUID.randomUUID(), List.of(), T0, T0))
                .isInstanceOf(IllegalStateException.class);
    }

    // ---- reading tasks ----

    @Test
    void aServicesTasksAreTheLiveOnesOldestFirstThenItsNewestStoppedOnes() {
        UUID service = givenService("web", WEB_1, 6);
        ContainerInstance a = givenInstance(4096, 8192, null);
        List<Task> all = new ArrayList<>();
        IntStream.range(0, 6).forEach(i -> all.add(task(service, a.id(), T0.plusSeconds(10 - i)))); // newest first
        store().placeTasks(all, versions(a));
        for (int i = 0; i < 3; i++) { // all.get(0) stops last: the newest stopped
            store().markStopped(all.get(2 - i).id(), StopCode.EssentialContainerExited, "exit",
                    List.of(), T0.plusSeconds(100 + i));
        }

        assertThat(store().tasksOfService(service, 0)).extracting(Task::id)
                .containsExactly(all.get(5).id(), all.get(4).id(), all.get(3).id());
        List<Task> withStopped = store().tasksOfService(service, 2);
        assertThat(withStopped.subList(0, 3)).extracting(Task::id)
                .containsExactly(all.get(5).id(), all.get(4).id(), all.get(3).id());
        assertThat(withStopped.subList(3, 5)).extracting(Task::id)
                .containsExactlyInAnyOrder(all.get(0).id(), all.get(1).id());
        assertThat(store().tasksOfService(service, 10)).hasSize(6);
        assertThatThrownBy(() -> store().tasksOfService(service, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reservationsAreWhatPlacedLiveTasksHold() {
        UUID service = givenService("web", WEB_1, 3);
        ContainerInstance a = givenInstance(2048, 4096, null);
        ContainerInstance b = givenInstance(2048, 4096, null);
        Task onA = task(service, a.id(), T0);
        Task onB = task(service, b.id(), T0.plusSeconds(1));
        Task gone = task(service, b.id(), T0.plusSeconds(2));
        store().placeTasks(List.of(onA, onB, gone), versions(a, b));
        store().markStopped(gone.id(), StopCode.ServiceSchedulerInitiated, "scaled in", List.of(), T0.plusSeconds(5));

        assertThat(store().reservations(CLUSTER)).containsExactlyInAnyOrder(TaskReservation.of(onA),
                TaskReservation.of(onB));
        assertThat(store().reservationsOn(CLUSTER, b.id())).containsExactly(TaskReservation.of(onB));
        assertThat(store().reservations("elsewhere")).isEmpty();
        assertThat(store().activeTasks(CLUSTER)).extracting(Task::id).containsExactlyInAnyOrder(onA.id(), onB.id());
    }

    @Test
    void tasksByIdLeaveUnknownOnesOut() {
        Task t = placedTask();
        UUID unknown = UUID.randomUUID();

        assertThat(store().tasks(List.of(t.id(), unknown))).containsOnlyKeys(t.id());
        assertThat(store().tasks(List.of())).isEmpty();
    }

    @Test
    void stoppedTasksGoOldestFirstUpToTheLimit() {
        UUID service = givenService("web", WEB_1, 3);
        ContainerInstance a = givenInstance(2048, 4096, null);
        List<Task> three = List.of(task(service, a.id(), T0), task(service, a.id(), T0), task(service, a.id(), T0));
        store().placeTasks(three, versions(a));
        store().markStopped(three.get(0).id(), StopCode.UserInitiated, "x", List.of(), T0.plusSeconds(30));
        store().markStopped(three.get(1).id(), StopCode.UserInitiated, "x", List.of(), T0.plusSeconds(10));

        assertThat(store().deleteTasksStoppedBefore(T0.plusSeconds(60), 1)).isEqualTo(1);
        assertThat(store().tasks(List.of(three.get(1).id()))).as("the oldest went first").isEmpty();
        assertThat(store().deleteTasksStoppedBefore(T0.plusSeconds(20), 10)).as("the other stopped later").isZero();
        assertThat(store().deleteTasksStoppedBefore(T0.plusSeconds(60), 10)).isEqualTo(1);
        assertThat(store().tasks(List.of(three.get(2).id()))).as("live tasks stay").hasSize(1);
    }

    // ---- events ----

    @Test
    void theLastEventIsTheNewestAndAServiceKeepsItsLastHundred() {
        UUID service = givenService("web", WEB_1, 1);
        assertThat(store().lastEvent(service)).isEmpty();

        store().appendEvents(service, IntStream.range(0, 60).mapToObj(i -> "event " + i).toList(), T0);
        store().appendEvents(service, IntStream.range(60, 105).mapToObj(i -> "event " + i).toList(),
                T0.plusSeconds(1));

        assertThat(store().lastEvent(service)).contains(new ServiceEvent(T0.plusSeconds(1), "event 104"));
        assertThat(eventCount(service)).isEqualTo(100);
    }

    @Test
    void eventsOfAnUnknownServiceAreDropped() {
        UUID unknown = UUID.randomUUID();

        store().appendEvents(unknown, List.of("nobody hears"), T0);

        assertThat(store().lastEvent(unknown)).isEmpty();
    }

    // ---- deployments ----

    @Test
    void aNewDeploymentBecomesPrimaryAndSupersedesARolloutInProgress() {
        UUID service = givenService("web", WEB_1, 2);
        givenTaskDefinition(WEB_2);

        UUID first = store().startDeployment(service, "web:1", Deployment.Trigger.CREATED, T0);
        UUID second = store().startDeployment(service, "web:2", Deployment.Trigger.UPDATED, T0.plusSeconds(10));

        ServiceState s = store().service(service).orElseThrow();
        assertThat(s.taskDefinition()).isEqualTo(WEB_2);
        assertThat(s.primary().orElseThrow().id()).isEqualTo(second);
        assertThat(s.primary().orElseThrow().rolloutState()).isEqualTo(Deployment.RolloutState.IN_PROGRESS);
        assertThat(s.primary().orElseThrow().desiredCount()).isEqualTo(2);
        assertThat(s.primary().orElseThrow().trigger()).isEqualTo(Deployment.Trigger.UPDATED);
        Deployment superseded = deployment(s, first);
        assertThat(superseded.status()).isEqualTo(Deployment.Status.ACTIVE);
        assertThat(superseded.rolloutState()).isEqualTo(Deployment.RolloutState.FAILED);
        assertThat(superseded.reason()).isEqualTo("superseded by a newer deployment before it completed");
        assertThat(superseded.finishedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void aFinishedRolloutStaysFinished() {
        UUID service = givenService("web", WEB_1, 1);
        UUID d = store().startDeployment(service, "web:1", Deployment.Trigger.CREATED, T0);

        store().finishDeployment(d, Deployment.RolloutState.COMPLETED, null, T0.plusSeconds(5));
        store().finishDeployment(d, Deployment.RolloutState.FAILED, "too late", T0.plusSeconds(9));

        Deployment read = store().service(service).orElseThrow().primary().orElseThrow();
        assertThat(read.rolloutState()).isEqualTo(Deployment.RolloutState.COMPLETED);
        assertThat(read.finishedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(read.reason()).isNull();
    }

    @Test
    void aServiceShowsItsPrimaryItsActiveOnesAndItsNewestCompletedOne() {
        UUID service = givenService("web", WEB_1, 1);
        givenTaskDefinition(WEB_2);
        UUID d1 = store().startDeployment(service, "web:1", Deployment.Trigger.CREATED, T0);
        store().finishDeployment(d1, Deployment.RolloutState.COMPLETED, null, T0.plusSeconds(1));
        UUID d2 = store().startDeployment(service, "web:2", Deployment.Trigger.UPDATED, T0.plusSeconds(2));
        store().finishDeployment(d2, Deployment.RolloutState.COMPLETED, null, T0.plusSeconds(3));
        store().deactivateDeployment(d1, T0.plusSeconds(4));
        UUID d3 = store().startDeployment(service, "web:1", Deployment.Trigger.ROLLBACK, T0.plusSeconds(5));

        assertThat(store().service(service).orElseThrow().deployments())
                .extracting(Deployment::id, Deployment::status)
                .containsExactlyInAnyOrder(tuple(d2, Deployment.Status.ACTIVE),
                        tuple(d3, Deployment.Status.PRIMARY));

        store().deactivateDeployment(d2, T0.plusSeconds(6));
        store().deactivateDeployment(d3, T0.plusSeconds(6)); // only ACTIVE ones become INACTIVE
        assertThat(store().service(service).orElseThrow().deployments())
                .extracting(Deployment::id, Deployment::status)
                .containsExactlyInAnyOrder(tuple(d2, Deployment.Status.INACTIVE),
                        tuple(d3, Deployment.Status.PRIMARY));
    }

    @Test
    void aDeploymentCountsItsFailedTasks() {
        UUID service = givenService("web", WEB_1, 3);
        ContainerInstance a = givenInstance(2048, 4096, null);
        UUID d = store().startDeployment(service, "web:1", Deployment.Trigger.CREATED, T0);
        List<Task> tasks = List.of(task(service, a.id(), T0, d), task(service, a.id(), T0, d),
                task(service, a.id(), T0, d));
        store().placeTasks(tasks, versions(a));

        store().markStopped(tasks.get(0).id(), StopCode.TaskFailedToStart, "no image", List.of(), T0.plusSeconds(1));
        store().markStopped(tasks.get(1).id(), StopCode.ServiceSchedulerInitiated, "scaled in", List.of(),
                T0.plusSeconds(1));
        store().requestStop(tasks.get(2).id(), StopCode.TaskFailedHealthChecks, "unhealthy", T0.plusSeconds(1));

        assertThat(store().service(service).orElseThrow().primary().orElseThrow().failedTasks())
                .as("stopped with a failure code; a stop still under way does not count yet").isEqualTo(1);
    }

    // ---- instances ----

    @Test
    void anInstanceRecordsContact() {
        ContainerInstance a = givenInstance(1024, 2048, null);

        store().recordInstanceContact(a.id(), true, T0.plusSeconds(10));
        assertThat(store().instance(a.id()).orElseThrow().lastSeen()).isEqualTo(T0.plusSeconds(10));
        store().recordInstanceContact(a.id(), false, T0.plusSeconds(20));

        ContainerInstance read = store().instance(a.id()).orElseThrow();
        assertThat(read.connected()).isFalse();
        assertThat(read.lastSeen()).as("last seen when it answered").isEqualTo(T0.plusSeconds(10));
        assertThat(read.registeredCpu()).isEqualTo(1024);
        assertThat(read.registeredMemory()).isEqualTo(2048);
        assertThat(read.cluster()).isEqualTo(CLUSTER);
        assertThat(store().instances()).extracting(ContainerInstance::id).containsExactly(a.id());
        assertThat(store().instance(UUID.randomUUID())).isEmpty();
    }

    @Test
    void remainingResourcesAreWrittenOnlyOnTheVersionTheyWereSummedAt() {
        UUID service = givenService("web", WEB_1, 1);
        ContainerInstance a = givenInstance(1024, 2048, null);
        store().placeTasks(List.of(task(service, a.id(), T0)), versions(a));

        // Summed before the placement: skipped, not an error, and the version stays where the placement left it.
        store().recordInstanceRemaining(a.id(), a.placementVersion(), 1024, 2048, T0.plusSeconds(1));

        assertThat(store().instance(a.id()).orElseThrow().placementVersion()).isEqualTo(a.placementVersion() + 1);
    }

    // ---- helpers ----

    private Task placedTask() {
        UUID service = givenService("web", WEB_1, 1);
        ContainerInstance a = givenInstance(1024, 2048, null);
        Task t = task(service, a.id(), T0);
        store().placeTasks(List.of(t), versions(a));
        return t;
    }

    private Task read(Task t) {
        return store().tasks(List.of(t.id())).get(t.id());
    }

    private static Deployment deployment(ServiceState s, UUID id) {
        return s.deployments().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    /** A new PROVISIONING task of WEB_1 (a one-off task when {@code service} is null). */
    protected static Task task(UUID service, UUID instance, Instant createdAt) {
        return task(service, instance, createdAt, null);
    }

    protected static Task task(UUID service, UUID instance, Instant createdAt, UUID deployment) {
        return new Task(UUID.randomUUID(), CLUSTER, service, service == null ? null : "web", WEB_1.family(),
                WEB_1.revision(), instance, TaskStatus.RUNNING, TaskStatus.PROVISIONING, null, null,
                WEB_1.spec().reservedCpu(), WEB_1.spec().reservedMemory(), List.of(TaskContainer.pending("app")),
                createdAt, null, null, deployment);
    }

    private static Map<UUID, Long> versions(ContainerInstance... instances) {
        Map<UUID, Long> versions = new HashMap<>();
        for (ContainerInstance i : instances) {
            versions.put(i.id(), i.placementVersion());
        }
        return versions;
    }

    private static TaskContainer running(String name, String dockerId) {
        return new TaskContainer(name, dockerId, TaskStatus.RUNNING, null, null, List.of());
    }

    private static TaskContainer stopped(String name, String dockerId, int exitCode) {
        return new TaskContainer(name, dockerId, TaskStatus.STOPPED, exitCode, null, List.of());
    }
}
