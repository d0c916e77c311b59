package io.berth.reconciler.plan;

import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.DeploymentConfig;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.scheduler.Scheduler;
import io.berth.reconciler.scheduler.placement.Placement;
import io.berth.reconciler.scheduler.placement.PlacementConstraint;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.berth.reconciler.plan.Fixtures.CLUSTER;
import static io.berth.reconciler.plan.Fixtures.T0;
import static io.berth.reconciler.plan.Fixtures.daemon;
import static io.berth.reconciler.plan.Fixtures.id;
import static io.berth.reconciler.plan.Fixtures.newIds;
import static io.berth.reconciler.plan.Fixtures.snapshot;
import static io.berth.reconciler.plan.Fixtures.task;
import static io.berth.reconciler.plan.Fixtures.taskId;
import static io.berth.reconciler.plan.Fixtures.web;
import static org.assertj.core.api.Assertions.assertThat;

/** The counts of a DAEMON service, one situation per test, with a fixed clock ({@link #NOW}). */
class DaemonPlannerTest {

    static final Instant NOW = T0.plus(Duration.ofHours(1));
    static final TaskDefinition WEB1 = web(1);
    static final TaskDefinition WEB2 = web(2);
    static final UUID REPLICA_SERVICE = UUID.fromString("5e000000-0000-0000-0000-0000000000aa");
    static final UUID OTHER_DAEMON = UUID.fromString("5e000000-0000-0000-0000-0000000000bb");

    static ContainerInstance host(int n, String role, ContainerInstance.InstanceStatus status) {
        return new ContainerInstance(id(n), CLUSTER, "tcp://h" + n + ":2376", "engine-" + n, "host-" + n, status, true,
                T0, 1024, 2048, Map.of("role", role));
    }

    static ContainerInstance host(int n) {
        return host(n, "edge", ContainerInstance.InstanceStatus.ACTIVE);
    }

    static ServiceState service(TaskDefinition td, int minimumHealthyPercent) {
        return daemon(td, new DeploymentConfig(minimumHealthyPercent, 100, Duration.ZERO), Placement.SERVICE_DEFAULT);
    }

    static ServicePlan plan(Fixtures.SnapshotBuilder s) {
        return new ServicePlanner(Scheduler.defaults(), Fixtures.settings(50, 50)).plan(s.build(), NOW, newIds());
    }

    static List<UUID> launchedOn(ServicePlan plan) {
        return plan.actionsOf(TaskAction.LaunchNew.class).stream().map(TaskAction.LaunchNew::instanceId).toList();
    }

    static List<UUID> stopped(ServicePlan plan) {
        return plan.actionsOf(TaskAction.Stop.class).stream().map(TaskAction::taskId).toList();
    }

    @Nested
    class Placing {

        @Test
        void oneTaskOnEveryActiveHostAndTheCountIsTheHosts() {
            ServicePlan plan = plan(snapshot(service(WEB1, 0)).instance(host(1)).instance(host(2)).instance(host(3)));

            assertThat(launchedOn(plan)).containsExactly(id(1), id(2), id(3));
            assertThat(plan.daemonCount()).isEqualTo(3);
            assertThat(plan.events()).anyMatch(e -> e.startsWith("service web has started 3 tasks"));
        }

        @Test
        void aDeclaredDesiredCountDoesNotMatter() {
            ServiceState declared = service(WEB1, 0).withDesiredCount(10);
            ServicePlan plan = plan(snapshot(declared).instance(host(1)).instance(host(2)));

            assertThat(launchedOn(plan)).containsExactly(id(1), id(2));
            assertThat(plan.daemonCount()).isEqualTo(2);
        }

        @Test
        void onlyHostsMeetingTheConstraintsAndTheHostThatStoppedMeetingThemLosesItsTask() {
            ServiceState edgeOnly = service(WEB1, 0).withPlacement(new Placement(List.of(),
                    List.of(PlacementConstraint.MemberOf.parse("attribute:role == edge"))));
            ServicePlan plan = plan(snapshot(edgeOnly).instance(host(1))
                    .instance(host(2, "db", ContainerInstance.InstanceStatus.ACTIVE)).instance(host(3))
                    .healthyTask(task(taskId(2), WEB1).on(id(2))));

            assertThat(launchedOn(plan)).containsExactly(id(1), id(3));
            assertThat(stopped(plan)).containsExactly(taskId(2));
            assertThat(plan.daemonCount()).isEqualTo(2);
            assertThat(plan.events()).anyMatch(e -> e.contains("host-2") && e.contains("no longer eligible"));
        }

        @Test
        void distinctInstanceDoesNotMakeTheDaemonsOwnHostIneligible() {
            ServiceState distinct = service(WEB1, 0).withPlacement(new Placement(List.of(),
                    List.of(new PlacementConstraint.DistinctInstance())));
            ServicePlan plan = plan(snapshot(distinct).instance(host(1)).instance(host(2))
                    .healthyTask(task(taskId(1), WEB1).on(id(1))));

            assertThat(launchedOn(plan)).containsExactly(id(2));
            assertThat(stopped(plan)).isEmpty();
        }

        @Test
        void aHostWithoutRoomIsCountedAndNamedInAnEvent() {
            ContainerInstance small = new ContainerInstance(id(2), CLUSTER, "tcp://h2:2376", "engine-2", "host-2",
                    ContainerInstance.InstanceStatus.ACTIVE, true, T0, 1024, 256, Map.of());
            ServicePlan plan = plan(snapshot(service(WEB1, 0)).instance(host(1)).instance(small));

            assertThat(launchedOn(plan)).containsExactly(id(1));
            assertThat(plan.daemonCount()).isEqualTo(2);
            assertThat(plan.unplaced()).isEqualTo(1);
            assertThat(plan.events()).anyMatch(e -> e.startsWith(
                    "service web was unable to place its daemon task on container instance host-2 (00000000): 1 instance checked")
                    && e.contains("memory (need 512 MiB, largest free 256 MiB)"));
        }

        @Test
        void aSecondTaskOnOneHostIsStoppedAndTheOlderKept() {
            ServicePlan plan = plan(snapshot(service(WEB1, 0)).instance(host(1))
                    .healthyTask(task(taskId(1), WEB1).on(id(1)))
                    .healthyTask(task(taskId(2), WEB1).on(id(1)).created(T0.plusSeconds(5))));

            assertThat(stopped(plan)).containsExactly(taskId(2));
            assertThat(launchedOn(plan)).isEmpty();
        }

        @Test
        void aHostWhoseEngineDidNotAnswerIsLeftAlone() {
            ServicePlan plan = plan(snapshot(service(WEB1, 0)).instance(host(1))
                    .unobservedInstance(host(2, "db", ContainerInstance.InstanceStatus.ACTIVE))
                    .task(task(taskId(2), WEB1).on(id(2)).running().build()));

            assertThat(stopped(plan)).isEmpty();
            assertThat(launchedOn(plan)).containsExactly(id(1));
        }

        @Test
        void everyHostRunningItsTaskIsASteadyState() {
            ServicePlan plan = plan(snapshot(service(WEB1, 0)).instance(host(1)).instance(host(2))
                    .healthyTask(task(taskId(1), WEB1).on(id(1))).healthyTask(task(taskId(2), WEB1).on(id(2))));

            assertThat(plan.actions()).allMatch(a -> !(a instanceof TaskAction.LaunchNew) && !(a instanceof TaskAction.Stop));
            assertThat(plan.events()).containsExactly("service web has reached a steady state.");
        }
    }

    @Nested
    class Draining {

        ContainerInstance draining = host(2, "edge", ContainerInstance.InstanceStatus.DRAINING);

        @Test
        void theDaemonTaskWaitsWhileReplicaTasksRunThere() {
            ServicePlan plan = plan(snapshot(service(WEB1, 0)).instance(host(1)).instance(draining)
                    .healthyTask(task(taskId(1), WEB1).on(id(1))).healthyTask(task(taskId(2), WEB1).on(id(2)))
                    .otherTask(task(taskId(9), WEB1).service(REPLICA_SERVICE, "api").on(id(2)).running().build()));

            assertThat(stopped(plan)).isEmpty();
            assertThat(plan.daemonCount()).isEqualTo(1);
            assertThat(plan.requeueAfter()).isEqualTo(DaemonPlanner.DRAIN_RECHECK);
        }

        @Test
        void theDaemonTaskStopsOnceTheReplicaTasksHaveStopped() {
            ServicePlan plan = plan(snapshot(service(WEB1, 0)).instance(host(1)).instance(draining)
                    .healthyTask(task(taskId(1), WEB1).on(id(1))).healthyTask(task(taskId(2), WEB1).on(id(2))));

            assertThat(stopped(plan)).containsExactly(taskId(2));
            assertThat(launchedOn(plan)).as("no replacement elsewhere").isEmpty();
            assertThat(plan.events()).anyMatch(e -> e.contains("is draining and its replica tasks have stopped"));
        }

        @Test
        void anotherDaemonsTaskIsNotWaitedFor() {
            ServicePlan plan = plan(snapshot(service(WEB1, 0)).instance(host(1)).instance(draining)
                    .healthyTask(task(taskId(1), WEB1).on(id(1))).healthyTask(task(taskId(2), WEB1).on(id(2)))
                    .otherTask(task(taskId(9), WEB1).service(OTHER_DAEMON, "logs").on(id(2)).running().build())
                    .daemons(new ServiceState(OTHER_DAEMON, CLUSTER, "logs", WEB1, 1, false, Duration.ZERO,
                            DeploymentConfig.defaults(), List.of(), Placement.SERVICE_DEFAULT,
                            io.berth.reconciler.model.SchedulingStrategy.DAEMON)));

            assertThat(stopped(plan)).containsExactly(taskId(2));
        }
    }

    @Nested
    class PlacedBeforeReplicas {

        static final UUID DAEMON_ID = UUID.fromString("5e000000-0000-0000-0000-0000000000dd");

        ServiceState agent() {
            return new ServiceState(DAEMON_ID, CLUSTER, "agent", Fixtures.taskDef("agent", 1, 256, 1536,
                    Fixtures.container("a", true)), 1, false, Duration.ZERO, DeploymentConfig.defaults(), List.of(),
                    Placement.SERVICE_DEFAULT, io.berth.reconciler.model.SchedulingStrategy.DAEMON);
        }

        @Test
        void aReplicaDoesNotTakeTheRoomOfAMissingDaemonTaskAndIsToldWhy() {
            // host-1 has 2048 MiB: the daemon needs 1536, a replica 512 + the daemon's 1536 fits, a second does not
            ServicePlan plan = new ServicePlanner(Scheduler.defaults(), Fixtures.settings(50, 50)).plan(
                    snapshot(Fixtures.service(WEB1, 2)).instance(host(1)).daemons(agent()).build(), NOW, newIds());

            assertThat(launchedOn(plan)).containsExactly(id(1));
            assertThat(plan.unplaced()).isEqualTo(1);
            assertThat(plan.events()).anyMatch(e -> e.startsWith("service web was unable to place 1 task")
                    && e.endsWith("daemon service agent holds room on host-1: daemon tasks are placed before replica tasks"));
        }

        @Test
        void aDaemonAlreadyRunningHoldsNothingMore() {
            ServicePlan plan = new ServicePlanner(Scheduler.defaults(), Fixtures.settings(50, 50)).plan(
                    snapshot(Fixtures.service(WEB1, 1)).instance(host(1)).daemons(agent())
                            .otherTask(task(taskId(9), agent().taskDefinition()).service(DAEMON_ID, "agent").on(id(1))
                                    .running().build())
                            .taskDefinition(agent().taskDefinition()).build(), NOW, newIds());

            assertThat(launchedOn(plan)).containsExactly(id(1));
            assertThat(plan.events()).noneMatch(e -> e.contains("holds room"));
        }
    }

    @Nested
    class Rollout {

        Fixtures.SnapshotBuilder oldOnFourHosts(int minimumHealthyPercent) {
            Fixtures.SnapshotBuilder s = snapshot(service(WEB2, minimumHealthyPercent)).taskDefinition(WEB1);
            for (int n = 1; n <= 4; n++) {
                s.instance(host(n)).healthyTask(task(taskId(n), WEB1).on(id(n)));
            }
            return s;
        }

        @ParameterizedTest(name = "minimumHealthyPercent {0} on 4 hosts: stop {1} first")
        @CsvSource({"0, 4", "50, 2", "75, 1", "100, 0"})
        void stopsFirstWithinMinimumHealthyAndStartsOnlyOnFreedHosts(int minimumHealthyPercent, int stops) {
            ServicePlan plan = plan(oldOnFourHosts(minimumHealthyPercent));

            assertThat(stopped(plan)).hasSize(stops);
            assertThat(launchedOn(plan)).as("stop first, then start on that host").isEmpty();
        }

        @Test
        void aHostWhoseOldTaskHasStoppedGetsTheNewRevision() {
            Fixtures.SnapshotBuilder s = snapshot(service(WEB2, 50)).taskDefinition(WEB1);
            for (int n = 1; n <= 4; n++) {
                s.instance(host(n));
            }
            s.healthyTask(task(taskId(1), WEB1).on(id(1))).healthyTask(task(taskId(2), WEB1).on(id(2)));
            s.task(task(taskId(3), WEB1).on(id(3)).stopped(StopCode.ServiceSchedulerInitiated, T0, NOW.minusSeconds(1)).build());

            ServicePlan plan = plan(s);

            assertThat(launchedOn(plan)).containsExactly(id(3), id(4));
            assertThat(stopped(plan)).as("2 healthy of a minimum 2: no more stops until new ones are healthy").isEmpty();
        }

        @Test
        void aRolloutThatCannotMoveIsExplained() {
            ServicePlan plan = plan(oldOnFourHosts(100));

            assertThat(plan.events()).anyMatch(e -> e.startsWith(
                    "service web cannot replace its daemon tasks of an older revision: minimumHealthyPercent 100 requires 4 healthy of 4 instances"));
        }
    }
}
