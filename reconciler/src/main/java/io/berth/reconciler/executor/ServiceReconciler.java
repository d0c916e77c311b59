package io.berth.reconciler.executor;

import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.reconciler.engine.EngineRegistry;
import io.berth.reconciler.engine.ExitHints;
import io.berth.reconciler.engine.InstanceHealth;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.model.ServiceEvent;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.plan.ClusterLoads;
import io.berth.reconciler.plan.DeploymentDecision;
import io.berth.reconciler.plan.ServicePlan;
import io.berth.reconciler.plan.ServicePlanner;
import io.berth.reconciler.plan.ServiceSnapshot;
import io.berth.reconciler.plan.TaskAction;
import io.berth.reconciler.scheduler.ClusterLoad;
import io.berth.reconciler.store.PlacementConflictException;
import io.berth.reconciler.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One pass over one service: observe the engines, decide with the pure {@link ServicePlanner}, write the
 * decisions down, then do the Docker work. Writing the intent first (new task rows, desired STOPPED) is
 * what makes a crash at any point recoverable: the next pass finds the intent and finishes it.
 */
public final class ServiceReconciler {

    private static final Logger log = LoggerFactory.getLogger(ServiceReconciler.class);
    private static final int RECENT_STOPPED = 20;
    private static final Duration ACT_BOUND = Duration.ofSeconds(5);
    /**
     * How soon a service with tasks waiting on dependsOn conditions is looked at again. Container events (die,
     * health_status) usually come first; this bounds startTimeout checks and missed events.
     */
    private static final Duration DEPENDENCY_RECHECK = Duration.ofSeconds(1);

    private final StateStore store;
    private final EngineRegistry engines;
    private final ServicePlanner planner;
    private final ServiceObserver observer;
    private final TaskLauncher launcher;
    private final TaskStopper stopper;
    private final TaskDefinitionCache taskDefinitions;
    private final ClusterLocks locks;
    private final Clock clock;
    private final Executor io;
    private final PlanObserver planObserver;
    private final InstanceHealth instanceHealth;
    /** Tasks whose Docker work (launch or stop) is under way, possibly from an earlier pass. */
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    /** Tasks whose containers wait for dependsOn conditions: their service is looked at again soon. */
    private final Set<UUID> waitingOnDependencies = ConcurrentHashMap.newKeySet();

    public ServiceReconciler(StateStore store, EngineRegistry engines, ServicePlanner planner,
                             ExecutorSettings settings, ExitHints exits, Clock clock, Executor io) {
        this(store, engines, planner, settings, exits, clock, io, PlanObserver.NONE,
                new InstanceHealth(clock, java.time.Duration.ofSeconds(10)));
    }

    public ServiceReconciler(StateStore store, EngineRegistry engines, ServicePlanner planner,
                             ExecutorSettings settings, ExitHints exits, Clock clock, Executor io,
                             PlanObserver planObserver, InstanceHealth instanceHealth) {
        this(store, engines, planner, settings, exits, clock, io, planObserver, instanceHealth, new ClusterLocks());
    }

    /** @param locks the cluster placement locks, shared with run-task (which places one-off tasks) */
    public ServiceReconciler(StateStore store, EngineRegistry engines, ServicePlanner planner,
                             ExecutorSettings settings, ExitHints exits, Clock clock, Executor io,
                             PlanObserver planObserver, InstanceHealth instanceHealth, ClusterLocks locks) {
        this.locks = locks;
        this.planObserver = planObserver;
        this.instanceHealth = instanceHealth;
        this.store = store;
        this.engines = engines;
        this.planner = planner;
        this.observer = new ServiceObserver(engines, exits, instanceHealth, io, clock);
        this.launcher = new TaskLauncher(settings.containerSpecs(), settings.pullPolicy(), settings.clusters(),
                settings.installation(), clock);
        this.stopper = new TaskStopper(settings.stopTimeout());
        this.taskDefinitions = new TaskDefinitionCache(store);
        this.clock = clock;
        this.io = io;
    }

    /** Runs one pass. Returns when to look again regardless of events (empty = only on events and resync). */
    public Optional<Duration> reconcile(UUID serviceId) {
        Optional<ServiceState> found = store.service(serviceId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ServiceState service = found.get();
        // every line of the pass names its service (worker thread only; background Docker work logs its task)
        try (MDC.MDCCloseable cluster = MDC.putCloseable("berth.cluster", service.cluster());
             MDC.MDCCloseable name = MDC.putCloseable("berth.service", service.name())) {
            return reconcile(serviceId, service);
        }
    }

    private Optional<Duration> reconcile(UUID serviceId, ServiceState service) {
        taskDefinitions.remember(service.taskDefinition());
        long t0 = System.nanoTime();
        List<Task> tasks = store.tasksOfService(serviceId, RECENT_STOPPED);
        Observation observation = observer.observe(serviceId, tasks);
        long t1 = System.nanoTime();
        Decision decision;
        try {
            decision = decide(service, tasks, observation);
        } catch (PlacementConflictException e) {
            // Another pass placed on a host this one wanted, after this one read its load: nothing was written;
            // run again right away on fresh state (the other pass's tasks now count).
            log.debug("pass {}/{} retried: {}", service.cluster(), service.name(), e.getMessage());
            return Optional.of(Duration.ZERO);
        }
        planObserver.planned(service, decision.plan());
        long t2 = System.nanoTime();
        boolean finished = act(decision);
        if (log.isDebugEnabled()) {
            log.debug("pass {}/{}: {} actions, {} events; observe {} ms, decide {} ms, act {} ms", service.cluster(),
                    service.name(), decision.plan().actions().size(), decision.plan().events().size(),
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        }
        if (!finished) {
            return Optional.of(Duration.ofSeconds(1)); // look again soon; work in flight is not repeated
        }
        if (decision.plan().deleteService()) {
            removeAllContainers(service);
            store.deleteService(serviceId);
            log.info("service {}/{} deleted", service.cluster(), service.name());
            return Optional.empty();
        }
        Optional<Duration> dependencies = tasks.stream().anyMatch(t -> !t.isStopped() && waitingOnDependencies.contains(t.id()))
                ? Optional.of(DEPENDENCY_RECHECK) : Optional.empty();
        tasks.stream().filter(Task::isStopped).forEach(t -> waitingOnDependencies.remove(t.id()));
        return earliest(earliest(Optional.ofNullable(decision.plan().requeueAfter()), untilSilentHostLost(tasks)),
                dependencies);
    }

    /**
     * A host that stopped answering mid-pass holds live tasks this pass could not act on. They are replaced once
     * the host counts as lost; look again at that moment rather than at the next resync or event.
     */
    private Optional<Duration> untilSilentHostLost(List<Task> tasks) {
        Optional<Duration> soonest = Optional.empty();
        for (Task t : tasks) {
            if (!t.isStopped() && t.instanceId() != null) {
                // Zero once lost: this pass already replaced those tasks, so only hosts not yet lost count.
                soonest = earliest(soonest, instanceHealth.untilLost(t.instanceId()).filter(d -> !d.isZero()));
            }
        }
        return soonest;
    }

    private static Optional<Duration> earliest(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().compareTo(b.get()) <= 0 ? a : b;
    }

    private record Decision(ServiceState service, ServicePlan plan, Map<UUID, Task> tasks) {
    }

    private Decision decide(ServiceState service, List<Task> tasks, Observation observation) {
        ReentrantLock lock = locks.of(service.cluster());
        lock.lock();
        try {
            Instant now = clock.instant();
            List<ContainerInstance> instances = store.instances().stream()
                    .filter(i -> i.cluster().equals(service.cluster())).toList();
            List<Task> active = store.activeTasks(service.cluster());
            Set<String> arns = new HashSet<>();
            active.forEach(t -> arns.add(t.taskDefinitionArn()));
            tasks.forEach(t -> arns.add(t.taskDefinitionArn()));
            Map<String, TaskDefinition> tds = taskDefinitions.get(arns);
            ClusterLoad load = ClusterLoads.build(instances, active, arn -> tds.get(arn).spec());
            ServiceEvent lastEvent = store.lastEvent(service.id()).orElse(null);
            Set<UUID> draining = new HashSet<>();
            instances.stream().filter(i -> i.status() == ContainerInstance.InstanceStatus.DRAINING)
                    .forEach(i -> draining.add(i.id()));
            ServiceSnapshot snapshot = new ServiceSnapshot(service, tasks, observation.containersByTask(),
                    observation.answered(), load, lastEvent, tds, instanceHealth.lost(), draining);
            ServicePlan plan = planner.plan(snapshot, now, UUID::randomUUID);
            Map<UUID, Task> byId = new HashMap<>();
            tasks.forEach(t -> byId.put(t.id(), t));
            Map<UUID, Long> placementVersions = new HashMap<>();
            instances.forEach(i -> placementVersions.put(i.id(), i.placementVersion()));
            persist(service, plan, byId, placementVersions, now);
            return new Decision(service, plan, byId);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Placements first: when another pass claimed one of their instances meanwhile, {@link PlacementConflictException}
     * leaves everything of this plan unwritten and the pass is run again.
     */
    private void persist(ServiceState service, ServicePlan plan, Map<UUID, Task> byId, Map<UUID, Long> placementVersions,
                         Instant now) {
        List<Task> newTasks = new ArrayList<>();
        for (TaskAction action : plan.actions()) {
            if (action instanceof TaskAction.LaunchNew l) {
                newTasks.add(newTask(service, l, now));
            }
        }
        store.placeTasks(newTasks, placementVersions);
        newTasks.forEach(t -> byId.put(t.id(), t));
        for (TaskAction action : plan.actions()) {
            switch (action) {
                case TaskAction.LaunchNew l -> {
                }
                case TaskAction.Stop s -> store.requestStop(s.taskId(), s.code(), s.reason(), now);
                case TaskAction.MarkRunning r -> store.markRunning(r.taskId(), r.containers(), r.startedAt(), now);
                case TaskAction.RecordContainers r -> store.recordContainers(r.taskId(), r.containers(), now);
                case TaskAction.MarkStopped m -> store.markStopped(m.taskId(), null, null, m.containers(), now);
                case TaskAction.MarkLost m -> {
                    Task lost = byId.get(m.taskId());
                    store.markStopped(m.taskId(), StopCode.HostLost, m.reason(), lost == null ? List.of() : lost.containers(), now);
                }
                case TaskAction.Relaunch r -> {
                }
            }
        }
        for (DeploymentDecision d : plan.deployments()) {
            switch (d) {
                case DeploymentDecision.Complete c ->
                        store.finishDeployment(c.deploymentId(), Deployment.RolloutState.COMPLETED, c.reason(), now);
                case DeploymentDecision.Fail f ->
                        store.finishDeployment(f.deploymentId(), Deployment.RolloutState.FAILED, f.reason(), now);
                case DeploymentDecision.RollBack r -> {
                    store.finishDeployment(r.deploymentId(), Deployment.RolloutState.ROLLED_BACK, r.reason(), now);
                    store.startDeployment(service.id(), r.targetArn(), Deployment.Trigger.ROLLBACK, now);
                }
                case DeploymentDecision.Deactivate x -> store.deactivateDeployment(x.deploymentId(), now);
            }
        }
        if (!plan.events().isEmpty()) {
            store.appendEvents(service.id(), plan.events(), now);
        }
    }

    private static Task newTask(ServiceState service, TaskAction.LaunchNew l, Instant now) {
        TaskDefinition td = service.taskDefinition();
        List<TaskContainer> containers = td.spec().containers().stream()
                .map(c -> TaskContainer.pending(c.name())).toList();
        return new Task(l.taskId(), service.cluster(), service.id(), service.name(), td.family(), td.revision(),
                l.instanceId(), TaskStatus.RUNNING, TaskStatus.PROVISIONING, null, null,
                td.spec().reservedCpu(), td.spec().reservedMemory(), containers, now, null, null,
                service.primary().map(Deployment::id).orElse(null));
    }

    /**
     * Launches and stops run in parallel on the I/O executor. The pass waits for them at most {@link #ACT_BOUND}:
     * a host that stops answering mid-launch would otherwise hold every later pass of the service for its
     * timeouts, and with them the replacement of its tasks. Work still running carries on and records its own
     * result; until it ends its task is in flight, and no later pass acts on that task again.
     *
     * @return whether all the work finished within the bound
     */
    private boolean act(Decision d) {
        List<CompletableFuture<Void>> work = new ArrayList<>();
        for (TaskAction action : d.plan().actions()) {
            Task task = d.tasks().get(action.taskId());
            Runnable job = switch (action) {
                case TaskAction.LaunchNew l -> () -> launch(task);
                case TaskAction.Relaunch r -> () -> launch(task);
                case TaskAction.Stop s -> () -> stop(task);
                default -> null;
            };
            if (job != null && inFlight.add(task.id())) {
                work.add(CompletableFuture.runAsync(() -> {
                    try {
                        job.run();
                    } finally {
                        inFlight.remove(task.id());
                    }
                }, io));
            }
        }
        try {
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(ACT_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            log.info("service {}/{}: Docker work still running after {}; it goes on in the background",
                    d.service().cluster(), d.service().name(), ACT_BOUND);
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("acting on service " + d.service().name() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void launch(Task task) {
        Optional<DockerEngine> engine = engines.engine(task.instanceId());
        if (engine.isEmpty()) {
            return; // the instance pass reconnects it; the next pass relaunches
        }
        store.markPending(task.id(), clock.instant());
        TaskDefinition td = taskDefinitions.get(task.taskDefinitionArn());
        LaunchResult result;
        try {
            result = launcher.launch(task, td.spec(), engine.get());
        } catch (EngineException e) {
            // Unreachable engine mid-launch: leave the task PENDING (the next pass sees what exists and finishes),
            // and tell the instance's health, so that a host that stays silent is declared lost and its tasks move.
            log.atWarn().addKeyValue("berth.task", task.id()).addKeyValue("berth.instance", task.instanceId())
                    .log("launch of task {} interrupted: {}", task.id(), e.getMessage());
            instanceHealth.failed(task.instanceId());
            return;
        }
        Instant now = clock.instant();
        if (result.pull() != null) {
            store.recordPull(task.id(), result.pull().startedAt(), result.pull().stoppedAt());
        }
        switch (result) {
            case LaunchResult.Started s -> {
                waitingOnDependencies.remove(task.id());
                store.markRunning(task.id(), s.containers(), s.startedAt(), now);
            }
            case LaunchResult.Waiting w -> {
                // PENDING until every container could start; the next pass (an event or the requeue) goes on.
                log.debug("task {} waits: {}", task.id(), w.waitingFor());
                waitingOnDependencies.add(task.id());
                store.recordContainers(task.id(), w.containers(), now);
            }
            case LaunchResult.Failed f -> {
                waitingOnDependencies.remove(task.id());
                store.markStopped(task.id(), StopCode.TaskFailedToStart, f.reason(), f.containers(), now);
                log.atInfo().addKeyValue("berth.task", task.id()).addKeyValue("berth.instance", task.instanceId())
                        .log("task {} failed to start: {}", task.id(), f.reason());
                if (task.serviceId() != null) {
                    store.appendEvents(task.serviceId(), List.of("service %s: task %s failed to start: %s"
                            .formatted(task.serviceName(), task.id().toString().substring(0, 8), f.reason())), now);
                }
            }
        }
    }

    private void stop(Task task) {
        Optional<DockerEngine> engine = engines.engine(task.instanceId());
        if (engine.isEmpty()) {
            return;
        }
        try {
            List<TaskContainer> containers = stopper.stop(task, taskDefinitions.get(task.taskDefinitionArn()).spec(), engine.get());
            store.markStopped(task.id(), null, null, containers, clock.instant());
        } catch (EngineException e) {
            log.atWarn().addKeyValue("berth.task", task.id()).addKeyValue("berth.instance", task.instanceId())
                    .log("stop of task {} interrupted: {}", task.id(), e.getMessage());
        }
    }

    /** A deleted service leaves nothing behind: every container it ever had goes, on every engine of the cluster. */
    private void removeAllContainers(ServiceState service) {
        for (ContainerInstance instance : store.instances()) {
            if (!instance.cluster().equals(service.cluster())) {
                continue;
            }
            engines.engine(instance.id()).ifPresent(engine -> {
                try {
                    engine.list(ContainerLabels.serviceFilter(service.id())).forEach(c -> engine.remove(c.id()));
                } catch (EngineException e) {
                    log.warn("could not remove containers of deleted service {} on {}: {}", service.name(), instance.id(), e.getMessage());
                }
            });
        }
    }
}
