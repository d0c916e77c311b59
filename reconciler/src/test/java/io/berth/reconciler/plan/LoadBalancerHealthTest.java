package io.berth.reconciler.plan;

import io.berth.reconciler.model.CircuitBreakerConfig;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.model.DeploymentConfig;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.scheduler.Scheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.berth.reconciler.plan.Fixtures.CLUSTER;
import static io.berth.reconciler.plan.Fixtures.SERVICE_ID;
import static io.berth.reconciler.plan.Fixtures.T0;
import static io.berth.reconciler.plan.Fixtures.id;
import static io.berth.reconciler.plan.Fixtures.instance;
import static io.berth.reconciler.plan.Fixtures.newId;
import static io.berth.reconciler.plan.Fixtures.newIds;
import static io.berth.reconciler.plan.Fixtures.snapshot;
import static io.berth.reconciler.plan.Fixtures.task;
import static io.berth.reconciler.plan.Fixtures.taskId;
import static io.berth.reconciler.plan.Fixtures.web;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load balancer health in the service planner, in virtual time: a task a balancer reports unhealthy after its grace
 * period is stopped with ECS's code and reason and replaced; a rollout counts a new task healthy only once every target
 * group of the service finds it healthy; reports that are not evidence ({@code initial}, {@code unavailable}, none)
 * never stop a task.
 */
class LoadBalancerHealthTest {

    static final Instant NOW = T0.plus(Duration.ofHours(1));
    static final ContainerInstance BIG = instance(id(1), 8192, 16384);
    static final Duration GRACE = Duration.ofSeconds(60);

    private static ServiceState service(TaskDefinition td, int desired, Duration grace, Deployment... deployments) {
        DeploymentConfig config = new DeploymentConfig(100, 200, Duration.ZERO, CircuitBreakerConfig.defaults(),
                Duration.ofMinutes(10));
        return new ServiceState(SERVICE_ID, CLUSTER, "web", td, desired, false, grace, config, List.of(deployments));
    }

    /** Per task: its states, one "group=state" string each (a group left out has no report). */
    private static LoadBalancerFacts facts(List<String> groups, Map<UUID, List<String>> reports) {
        Map<UUID, Map<String, String>> states = new HashMap<>();
        reports.forEach((task, list) -> {
            Map<String, String> byGroup = new HashMap<>();
            list.forEach(r -> byGroup.put(r.substring(0, r.indexOf('=')), r.substring(r.indexOf('=') + 1)));
            states.put(task, byGroup);
        });
        return new LoadBalancerFacts(groups, states);
    }

    private static ServicePlan plan(ServiceSnapshot s) {
        return new ServicePlanner(Scheduler.defaults(), Fixtures.settings(50, 50)).plan(s, NOW, newIds());
    }

    private static Task withDeployment(Task t, UUID deployment) {
        return new Task(t.id(), t.cluster(), t.serviceId(), t.serviceName(), t.family(), t.revision(), t.instanceId(),
                t.desiredStatus(), t.lastStatus(), t.stopCode(), t.stoppedReason(), t.reservedCpu(), t.reservedMemory(),
                t.containers(), t.createdAt(), t.startedAt(), t.stoppedAt(), deployment);
    }

    @Test
    void aTaskUnhealthyInOneGroupAfterItsGraceIsStoppedWithEcssCodeAndReasonAndReplaced() {
        TaskDefinition td = web(1);
        ServiceSnapshot s = snapshot(service(td, 1, GRACE)).instance(BIG)
                .healthyTask(task(taskId(1), td).started(NOW.minus(GRACE)))
                .loadBalancerHealth(facts(List.of("web-tg", "admin-tg"),
                        Map.of(taskId(1), List.of("web-tg=healthy", "admin-tg=unhealthy"))))
                .build();

        ServicePlan plan = plan(s);

        assertThat(plan.actionsOf(TaskAction.Stop.class)).singleElement().satisfies(stop -> {
            assertThat(stop.taskId()).isEqualTo(taskId(1));
            assertThat(stop.code()).isEqualTo(StopCode.TaskFailedElbHealthChecks);
            assertThat(stop.reason()).isEqualTo("Task failed ELB health checks in (target-group admin-tg)");
        });
        assertThat(plan.actionsOf(TaskAction.LaunchNew.class)).extracting(TaskAction::taskId).containsExactly(newId(1));
        assertThat(plan.events()).contains(
                "service web: task b0000001 failed ELB health checks in target group admin-tg; stopping it to replace it");
    }

    @Test
    void anUnhealthyReportDuringTheGraceIsIgnoredAndThePassLooksAgainWhenTheGraceEnds() {
        TaskDefinition td = web(1);
        ServiceSnapshot s = snapshot(service(td, 1, GRACE)).instance(BIG)
                .healthyTask(task(taskId(1), td).started(NOW.minusSeconds(20)))
                .loadBalancerHealth(facts(List.of("web-tg"), Map.of(taskId(1), List.of("web-tg=unhealthy"))))
                .build();

        ServicePlan plan = plan(s);

        assertThat(plan.actionsOf(TaskAction.Stop.class)).isEmpty();
        assertThat(plan.requeueAfter()).isEqualTo(Duration.ofSeconds(40));
    }

    @ParameterizedTest
    @ValueSource(strings = {"initial", "unavailable", "draining", "none"})
    void onlyAnUnhealthyReportIsEvidence(String state) {
        TaskDefinition td = web(1);
        List<String> reports = state.equals("none") ? List.of() : List.of("web-tg=" + state);
        ServiceSnapshot s = snapshot(service(td, 1, Duration.ZERO)).instance(BIG)
                .healthyTask(task(taskId(1), td))
                .loadBalancerHealth(facts(List.of("web-tg"), Map.of(taskId(1), reports)))
                .build();

        ServicePlan plan = plan(s);

        assertThat(plan.actionsOf(TaskAction.Stop.class)).isEmpty();
        assertThat(plan.actionsOf(TaskAction.LaunchNew.class)).isEmpty();
    }

    @Test
    void aServiceBeingDeletedStopsItsTasksForTheDeletionNotForTheirHealth() {
        TaskDefinition td = web(1);
        ServiceState deleting = new ServiceState(SERVICE_ID, CLUSTER, "web", td, 0, true);
        ServiceSnapshot s = snapshot(deleting).instance(BIG).healthyTask(task(taskId(1), td))
                .loadBalancerHealth(facts(List.of("web-tg"), Map.of(taskId(1), List.of("web-tg=unhealthy"))))
                .build();

        assertThat(plan(s).actionsOf(TaskAction.Stop.class)).singleElement()
                .satisfies(stop -> assertThat(stop.code()).isEqualTo(StopCode.ServiceSchedulerInitiated));
    }

    @Test
    void aHealthyReportChangesNothingForARunningTask() {
        TaskDefinition td = web(1);
        ServiceSnapshot s = snapshot(service(td, 1, Duration.ZERO)).instance(BIG)
                .healthyTask(task(taskId(1), td))
                .loadBalancerHealth(facts(List.of("web-tg"), Map.of(taskId(1), List.of("web-tg=healthy"))))
                .build();
        assertThat(plan(s).actions()).isEmpty();
    }

    /** desired 1, maximumPercent 200, minimumHealthyPercent 100: the old task goes once the new one is healthy. */
    private ServicePlan rollout(List<String> newTaskReports) {
        TaskDefinition v1 = web(1);
        TaskDefinition v2 = web(2);
        UUID d2 = new UUID(0xd2, 2);
        Deployment primary = new Deployment(d2, v2.arn(), Deployment.Status.PRIMARY, Deployment.RolloutState.IN_PROGRESS,
                null, Deployment.Trigger.UPDATED, 1, 0, NOW.minusSeconds(120), null);
        ServiceSnapshot s = snapshot(service(v2, 1, Duration.ZERO, primary)).instance(BIG).taskDefinition(v1)
                .healthyTask(task(taskId(1), v1).created(T0))
                .task(withDeployment(task(taskId(2), v2).created(NOW.minusSeconds(60)).started(NOW.minusSeconds(60))
                        .running().build(), d2), Fixtures.runningState(taskId(2), "app", NOW.minusSeconds(60)))
                .loadBalancerHealth(facts(List.of("web-tg", "admin-tg"), Map.of(taskId(2), newTaskReports)))
                .build();
        return plan(s);
    }

    @Test
    void aRolloutWaitsUntilTheNewTaskIsHealthyInEveryTargetGroup() {
        for (List<String> notYet : List.of(List.<String>of(), List.of("web-tg=healthy"),
                List.of("web-tg=healthy", "admin-tg=initial"), List.of("web-tg=healthy", "admin-tg=unavailable"))) {
            ServicePlan plan = rollout(notYet);
            assertThat(plan.actionsOf(TaskAction.Stop.class)).as("new task %s", notYet).isEmpty();
            assertThat(plan.deployments()).as("new task %s", notYet).isEmpty();
        }

        ServicePlan plan = rollout(List.of("web-tg=healthy", "admin-tg=healthy"));

        assertThat(plan.actionsOf(TaskAction.Stop.class)).singleElement().satisfies(stop -> {
            assertThat(stop.taskId()).isEqualTo(taskId(1));
            assertThat(stop.code()).isEqualTo(StopCode.ServiceSchedulerInitiated);
        });
    }

    @Test
    void olderRevisionsCountAsTheyAreWhenTheBalancersSayNothing() {
        // desired 2, minimumHealthyPercent 50, maximumPercent 100: one old task may go at a time. Were the old tasks
        // judged by balancers that could not be asked, neither would count as healthy and both would be stopped.
        TaskDefinition v1 = web(1);
        TaskDefinition v2 = web(2);
        DeploymentConfig config = new DeploymentConfig(50, 100, Duration.ZERO, CircuitBreakerConfig.defaults(),
                Duration.ofMinutes(10));
        ServiceState service = new ServiceState(SERVICE_ID, CLUSTER, "web", v2, 2, false, Duration.ZERO, config);
        ServiceSnapshot s = snapshot(service).instance(BIG).taskDefinition(v1)
                .healthyTask(task(taskId(1), v1)).healthyTask(task(taskId(2), v1))
                .loadBalancerHealth(facts(List.of("web-tg"), Map.of()))
                .build();

        assertThat(plan(s).actionsOf(TaskAction.Stop.class)).hasSize(1);
    }

    @Test
    void aTaskStoppedForFailingElbChecksIsAFailureForTheBreakerAndTheCrashLoopBackoff() {
        assertThat(StopCode.TaskFailedElbHealthChecks.isFailure()).isTrue();
        TaskDefinition td = web(1);
        ServiceSnapshot s = snapshot(service(td, 1, Duration.ZERO)).instance(BIG)
                .task(task(taskId(1), td).stopped(StopCode.TaskFailedElbHealthChecks, NOW.minusSeconds(62), NOW.minusSeconds(61)).build())
                .task(task(taskId(2), td).stopped(StopCode.TaskFailedElbHealthChecks, NOW.minusSeconds(2), NOW.minusMillis(500)).build())
                .build();

        ServicePlan plan = plan(s);

        assertThat(plan.actionsOf(TaskAction.LaunchNew.class)).isEmpty();
        assertThat(plan.events()).singleElement().asString()
                .contains("task b0000002 failed load balancer health checks; backing off");
    }

    @Test
    void aServiceBehindNoLoadBalancerIsJudgedByItsContainersAlone() {
        TaskDefinition td = web(1);
        ServiceSnapshot s = snapshot(service(td, 1, Duration.ZERO)).instance(BIG)
                .healthyTask(task(taskId(1), td))
                .loadBalancerHealth(facts(List.of(), Map.of(taskId(1), List.of("web-tg=unhealthy"))))
                .build();

        assertThat(plan(s).actions()).isEmpty();
    }
}
