package io.berth.reconciler.plan;

import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.ServiceLoadBalancer;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDrain;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.scheduler.Scheduler;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.berth.reconciler.plan.Fixtures.id;
import static io.berth.reconciler.plan.Fixtures.instance;
import static io.berth.reconciler.plan.Fixtures.newIds;
import static io.berth.reconciler.plan.Fixtures.runningState;
import static io.berth.reconciler.plan.Fixtures.exitedState;
import static io.berth.reconciler.plan.Fixtures.service;
import static io.berth.reconciler.plan.Fixtures.snapshot;
import static io.berth.reconciler.plan.Fixtures.task;
import static io.berth.reconciler.plan.Fixtures.taskId;
import static io.berth.reconciler.plan.Fixtures.web;
import static org.assertj.core.api.Assertions.assertThat;

/** Holding a stop back while the load balancers drain the task, in virtual time. */
class DeregistrationTest {

    static final Instant STOP = Instant.parse("2026-12-07T10:00:00Z");
    static final Duration DELAY = Duration.ofSeconds(5);
    static final ContainerInstance BIG = instance(id(1), 8192, 16384);
    static final List<ServiceLoadBalancer> ENTRIES = List.of(new ServiceLoadBalancer("web", "app", 8080));

    static Instant at(String offset) {
        return offset.isBlank() ? null : STOP.plus(Duration.parse("PT" + offset));
    }

    /** Worked numbers: delay 5 s, stop asked at 10:00:00 (+0s); margin 10 s. Empty "until" = stop now. */
    @ParameterizedTest(name = "deregistered {0}, drained {1}, now {2} -> hold until {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            -   | -   | 0S   | 15S
            -   | -   | 14S  | 15S
            -   | -   | 15S  | -
            2S  | -   | 2S   | 7S
            2S  | -   | 6.9S | 7S
            2S  | -   | 7S   | -
            2S  | 3S  | 3S   | -
            12S | -   | 12S  | 15S
            -   | -   | 30S  | -
            """)
    void holdsUntilDrainedOrTheDelayOrTheMargin(String deregistered, String drained, String now, String until) {
        TaskDrain drain = new TaskDrain(STOP, at(deregistered == null ? "" : deregistered),
                at(drained == null ? "" : drained));
        assertThat(Deregistration.holdUntil(drain, DELAY, at(now)))
                .isEqualTo(Optional.ofNullable(until == null ? null : at(until)));
    }

    @Test
    void aStopDecidedNowHoldsForTheDelayPlusTheMarginFromNow() {
        assertThat(Deregistration.holdUntil(TaskDrain.NOT_STARTED, DELAY, STOP)).contains(STOP.plusSeconds(15));
        assertThat(Deregistration.holdUntil(TaskDrain.NOT_STARTED, Duration.ZERO, STOP))
                .as("no delay: only until deregistration is confirmed, or the margin").contains(STOP.plusSeconds(10));
        assertThat(Deregistration.holdUntil(new TaskDrain(STOP, STOP.plusSeconds(2), null), Duration.ZERO,
                STOP.plusSeconds(2))).as("no delay, deregistered: stop now").isEmpty();
    }

    @Property(tries = 500)
    void neverHoldsPastTheDeadlinesNorOnceDrained(@ForAll @IntRange(max = 600) int delaySeconds,
                                                  @ForAll @IntRange(min = -1, max = 700) int deregisteredAfter,
                                                  @ForAll @IntRange(min = -1, max = 700) int drainedAfter,
                                                  @ForAll @IntRange(max = 1400) int nowAfter) {
        Duration delay = Duration.ofSeconds(delaySeconds);
        Instant deregistered = deregisteredAfter < 0 ? null : STOP.plusSeconds(deregisteredAfter);
        Instant drained = deregistered == null || drainedAfter < 0 ? null : deregistered.plusSeconds(drainedAfter);
        Instant now = STOP.plusSeconds(nowAfter);
        if (deregistered != null && deregistered.isAfter(now) || drained != null && drained.isAfter(now)) {
            return; // facts from the future are not stored
        }
        Optional<Instant> hold = Deregistration.holdUntil(new TaskDrain(STOP, deregistered, drained), delay, now);
        Instant fallback = STOP.plus(delay).plus(Deregistration.CONFIRMATION_MARGIN);
        if (drained != null || !now.isBefore(fallback)
                || deregistered != null && !now.isBefore(deregistered.plus(delay))) {
            assertThat(hold).isEmpty();
        } else {
            assertThat(hold).get().satisfies(until -> {
                assertThat(until).isAfter(now).isBeforeOrEqualTo(fallback);
                if (deregistered != null) {
                    assertThat(until).isBeforeOrEqualTo(deregistered.plus(delay));
                }
            });
        }
    }

    // ---- what is registered ----

    static Task registeredTask(int n) {
        return task(taskId(n), web(1)).on(id(1)).running().containers(List.of(new TaskContainer("app",
                Fixtures.dockerId(taskId(n), "app"), TaskStatus.RUNNING, null, null,
                List.of(new PortMapping(8080, 32700 + n, "tcp"))))).build();
    }

    @Test
    void onlyARunningTaskPublishingTheEntrysPortWithItsEssentialContainersRunningIsRegistered() {
        Task t = registeredTask(1);
        var spec = web(1).spec();
        var running = List.of(runningState(t.id(), "app", Fixtures.T0));
        assertThat(Deregistration.registered(t, spec, running, ENTRIES)).isTrue();
        assertThat(Deregistration.registered(t, spec, running, List.of())).as("no load balancer").isFalse();
        assertThat(Deregistration.registered(t, spec, List.of(exitedState(t.id(), "app", 1)), ENTRIES))
                .as("essential container exited").isFalse();
        assertThat(Deregistration.registered(t, spec, List.of(), ENTRIES)).as("container gone").isFalse();
        assertThat(Deregistration.registered(t, spec, running,
                List.of(new ServiceLoadBalancer("web", "app", 9090)))).as("another port").isFalse();
        Task pending = task(taskId(1), web(1)).pending().build();
        assertThat(Deregistration.registered(pending, spec, running, ENTRIES)).as("never RUNNING").isFalse();
    }

    // ---- the planner holds the stop back ----

    static final Instant NOW = STOP;

    static ServicePlan plan(ServiceSnapshot s, Instant now) {
        return new ServicePlanner(Scheduler.defaults(), Fixtures.settings(50, 50)).plan(s, now, newIds());
    }

    static ServiceTraffic traffic(Map<java.util.UUID, TaskDrain> drains) {
        return new ServiceTraffic(ENTRIES, DELAY, drains);
    }

    static Fixtures.SnapshotBuilder withTask(int desired, Task t, ServiceTraffic traffic) {
        return snapshot(service(web(1), desired)).instance(BIG).traffic(traffic)
                .task(t, runningState(t.id(), "app", Fixtures.T0));
    }

    @Test
    void scaleInDeregistersTheTaskAndLooksAgainAtTheFallbackDeadline() {
        Task a = registeredTask(1);
        Task b = registeredTask(2);
        ServicePlan plan = plan(withTask(1, a, traffic(Map.of())).task(b, runningState(b.id(), "app", Fixtures.T0))
                .build(), NOW);
        assertThat(plan.actionsOf(TaskAction.Stop.class)).isEmpty();
        assertThat(plan.actionsOf(TaskAction.Deregister.class)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(StopCode.ServiceSchedulerInitiated);
            assertThat(d.reason()).contains("scaled in");
        });
        assertThat(plan.requeueAfter()).isEqualTo(DELAY.plus(Deregistration.CONFIRMATION_MARGIN));
    }

    @Test
    void aStopAskedForIsHeldWhileDrainingAndReleasedWhenDrainedOrAtTheDelay() {
        Task stopping = task(taskId(1), web(1)).stopRequested(StopCode.UserInitiated, "stop-task").containers(
                registeredTask(1).containers()).build();
        var deregistered = new TaskDrain(STOP, STOP.plusSeconds(2), null);

        ServicePlan held = plan(withTask(0, stopping, traffic(Map.of(stopping.id(), deregistered))).build(),
                STOP.plusSeconds(3));
        assertThat(held.actionsOf(TaskAction.Deregister.class)).extracting(TaskAction::taskId).containsExactly(stopping.id());
        assertThat(held.actionsOf(TaskAction.Stop.class)).isEmpty();
        assertThat(held.requeueAfter()).as("at deregisteredAt + delay").isEqualTo(Duration.ofSeconds(4));

        ServicePlan atDelay = plan(withTask(0, stopping, traffic(Map.of(stopping.id(), deregistered))).build(),
                STOP.plusSeconds(7));
        assertThat(atDelay.actionsOf(TaskAction.Stop.class)).extracting(TaskAction::taskId).containsExactly(stopping.id());

        ServicePlan drained = plan(withTask(0, stopping, traffic(Map.of(stopping.id(),
                new TaskDrain(STOP, STOP.plusSeconds(2), STOP.plusSeconds(3))))).build(), STOP.plusSeconds(3));
        assertThat(drained.actionsOf(TaskAction.Stop.class)).extracting(TaskAction::taskId).containsExactly(stopping.id());
        assertThat(drained.actionsOf(TaskAction.Deregister.class)).isEmpty();

        ServicePlan unconfirmed = plan(withTask(0, stopping, traffic(Map.of(stopping.id(),
                new TaskDrain(STOP, null, null)))).build(), STOP.plusSeconds(15));
        assertThat(unconfirmed.actionsOf(TaskAction.Stop.class)).as("margin fallback").hasSize(1);
    }

    @Test
    void neverHoldsATaskWithoutRegistrationOrWithAnExitedEssentialContainerOrOnALostHost() {
        Task stopping = task(taskId(1), web(1)).stopRequested(StopCode.UserInitiated, "stop-task").containers(
                registeredTask(1).containers()).build();
        assertThat(plan(withTask(0, stopping, ServiceTraffic.NONE).build(), NOW).actionsOf(TaskAction.Stop.class))
                .as("no load balancer").hasSize(1);

        Task crashed = registeredTask(1);
        ServicePlan exited = plan(snapshot(service(web(1), 1)).instance(BIG).traffic(traffic(Map.of()))
                .task(crashed, exitedState(crashed.id(), "app", 1)).build(), NOW);
        assertThat(exited.actionsOf(TaskAction.Deregister.class)).isEmpty();
        assertThat(exited.actionsOf(TaskAction.Stop.class)).singleElement()
                .satisfies(s -> assertThat(s.code()).isEqualTo(StopCode.EssentialContainerExited));

        ServiceSnapshot lost = snapshot(service(web(1), 0)).instance(BIG).traffic(traffic(Map.of()))
                .task(stopping, runningState(stopping.id(), "app", Fixtures.T0)).build();
        lost = new ServiceSnapshot(lost.service(), lost.tasks(), lost.containers(), lost.observedInstances(),
                lost.load(), lost.lastEvent(), lost.taskDefinitions(), java.util.Set.of(id(1)), java.util.Set.of(),
                lost.traffic());
        assertThat(plan(lost, NOW).actions()).singleElement().isInstanceOf(TaskAction.MarkLost.class);
    }

    @Test
    void aDrainingTaskNoLongerCountsAsRunningAndItsReplacementStartsWhileItDrains() {
        // desired 2: one task being stopped (draining), one running -> one replacement, no second stop.
        Task stopping = task(taskId(1), web(1)).stopRequested(StopCode.UserInitiated, "stop-task").containers(
                registeredTask(1).containers()).build();
        Task other = registeredTask(2);
        ServicePlan plan = plan(withTask(2, stopping, traffic(Map.of(stopping.id(), new TaskDrain(STOP, null, null))))
                .task(other, runningState(other.id(), "app", Fixtures.T0)).build(), STOP.plusSeconds(1));
        assertThat(plan.actionsOf(TaskAction.Deregister.class)).extracting(TaskAction::taskId).containsExactly(stopping.id());
        assertThat(plan.actionsOf(TaskAction.LaunchNew.class)).hasSize(1);
        assertThat(plan.actionsOf(TaskAction.Stop.class)).isEmpty();
    }

    @Test
    void aDeletedServiceWaitsForItsDrainingTasksWithoutSpinning() {
        Task a = registeredTask(1);
        ServicePlan plan = plan(snapshot(Fixtures.deleting(web(1))).instance(BIG).traffic(traffic(Map.of()))
                .task(a, runningState(a.id(), "app", Fixtures.T0)).build(), NOW);
        assertThat(plan.actionsOf(TaskAction.Deregister.class)).hasSize(1);
        assertThat(plan.deleteService()).isFalse();
        assertThat(plan.requeueAfter()).isEqualTo(DELAY.plus(Deregistration.CONFIRMATION_MARGIN));
    }
}
