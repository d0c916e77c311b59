package io.berth.reconciler.pass;

import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.hosts.ExitHints;
import io.berth.reconciler.hosts.InstanceHealth;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.model.ServiceEvent;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskReservation;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.scheduler.ClusterLoadBuilder;
import io.berth.reconciler.plan.DeploymentDecision;
import io.berth.reconciler.plan.ServicePlan;
import io.berth.reconciler.plan.ServicePlanner;
import io.berth.reconciler.plan.ServiceSnapshot;
import io.berth.reconciler.plan.TaskAction;
import io.berth.reconciler.scheduler.ClusterLoad;
import io.berth.reconciler.policy.ClusterPolicy;
import io.berth.reconciler.policy.ClusterSettings;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One pass over one service: observe the engines, decide with the pure {@link ServicePlanner}, write the
 * decisions down, then do the Docker work. Writing the intent first (new task rows, desired STOPPED) is
 * what makes a crash at any point recoverable: the next pass finds the intent and finishes it.
 */
public final class ServicePass {

    private static final Logger log = LoggerFactory.getLogger(ServicePass.class);
    private static final int RECENT_STOPPED = 20;
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
    private final ClusterSettings clusters;
    private final Clock clock;
    private final Executor io;
    private final PlanObserver planObserver;
    private final InstanceHealth instanceHealth;
    private volatile Consumer<UUID> workFinished = serviceId -> {
    };
    /** Launches and stops under way, per task and per service. */
    private final WorkInFlight work = new WorkInFlight();
    /** Tasks whose containers wait for dependsOn conditions: their service is looked at again soon. */
    private final Set<UUID> waitingOnDependencies = ConcurrentHashMap.newKeySet();

    public ServicePass(StateStore store, EngineRegistry engines, ServicePlanner planner,
                             ExecutorSettings settings, ExitHints exits, Clock clock, Executor io) {
        this(store, engines, planner, settings, exits, clock, io, PlanObserver.NONE,
                new InstanceHealth(clock, java.time.Duration.ofSeconds(10)));
    }

    public ServicePass(StateStore store, EngineRegistry engines, ServicePlanner planner,
                             ExecutorSettings settings, ExitHints exits, Clock clock, Executor io,
                             PlanObserver planObserver, InstanceHealth instanceHealth) {
        this(store, engines, planner, settings, exits, clock, io, planObserver, instanceHealth, new ClusterLocks());
    }

    /** @param locks the cluster placement locks, shared with run-task (which places one-off tasks) */
    public ServicePass(StateStore store, EngineRegistry engines, ServicePlanner planner,
                             ExecutorSettings settings, ExitHints exits, Clock clock, Executor io,
                             PlanObserver planObserver, InstanceHealth instanceHealth, ClusterLocks locks) {
        this.locks = locks;
        this.planObserver = planObserver;
        this.instanceHealth = instanceHealth;
        this.store = store;
        this.engines = engines;
        this.planner = planner;
        this.observer = new ServiceObserver(engines, exits, instanceHealth, io, clock);
        this.clusters = settings.clusters();
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
        Observation observation = observer.observe(serviceId, tasks, work::busy);
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
        long t2 = System.nanoTime();
        boolean working = act(decision);
        record(decision);
        planObserver.planned(service, decision.plan());
        if (log.isDebugEnabled()) {
            log.debug("pass {}/{}: {} actions, {} events; observe {} ms, decide {} ms, act {} ms", service.cluster(),
                    service.name(), decision.plan().actions().size(), decision.plan().events().size(),
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
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
        // "Again right away" mostly means "once this pass's stops made room": while Docker work of the service
        // is under way, its end wakes the service (a pass now would only find the same work in flight).
        Optional<Duration> again = Optional.ofNullable(decision.plan().requeueAfter())
                .filter(d -> !(working && d.isZero()));
        return earliest(earliest(again, untilSilentHostLost(tasks)), dependencies);
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

    private record Decision(ServiceState service, ServicePlan plan, Map<UUID, Task> tasks, Instant now) {
    }

    private Decision decide(ServiceState service, List<Task> tasks, Observation observation) {
        ReentrantLock lock = locks.of(service.cluster());
        lock.lock();
        try {
            Instant now = clock.instant();
            List<ContainerInstance> instances = store.instances().stream()
                    .filter(i -> i.cluster().equals(service.cluster())).toList();
            // What every placed task holds, not the tasks themselves: the load needs nothing else, and whole tasks of
            // a big cluster took most of a pass to read.
            List<TaskReservation> reserved = store.reservations(service.cluster());
            Set<String> arns = new HashSet<>();
            reserved.forEach(r -> arns.add(r.taskDefinitionArn()));
            tasks.forEach(t -> arns.add(t.taskDefinitionArn()));
            Map<String, TaskDefinition> tds = taskDefinitions.get(arns);
            ClusterLoad load = ClusterLoadBuilder.fromReservations(instances, reserved, arn -> tds.get(arn).spec());
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
            persistIntents(service, plan, byId, placementVersions, now);
            return new Decision(service, plan, byId, now);
        } finally {
            lock.unlock();
        }
    }

    /**
     * What the Docker work of the pass must find written before it starts: new tasks, stops asked for, tasks given up
     * with their host. Placements first: when another pass claimed one of their instances meanwhile,
     * {@link PlacementConflictException} leaves everything of this plan unwritten and the pass is run again.
     */
    private void persistIntents(ServiceState service, ServicePlan plan, Map<UUID, Task> byId,
                                Map<UUID, Long> placementVersions, Instant now) {
        List<Task> newTasks = new ArrayList<>();
        for (TaskAction action : plan.actions()) {
            if (action instanceof TaskAction.LaunchNew l) {
                newTasks.add(newTask(service, l, now));
            }
        }
        store.placeTasks(newTasks, placementVersions);
        newTasks.forEach(t -> byId.put(t.id(), t));
        List<StateStore.StopRequest> stops = new ArrayList<>();
        for (TaskAction action : plan.actions()) {
            switch (action) {
                // A stop asked for by an earlier pass (its Docker work may still run) is written down already.
                case TaskAction.Stop s when byId.get(s.taskId()).desiredStatus() == TaskStatus.STOPPED -> {
                }
                case TaskAction.Stop s -> stops.add(new StateStore.StopRequest(s.taskId(), s.code(), s.reason()));
                case TaskAction.MarkLost m -> {
                    Task lost = byId.get(m.taskId());
                    store.markStopped(m.taskId(), StopCode.HostLost, m.reason(), lost == null ? List.of() : lost.containers(), now);
                }
                default -> {
                }
            }
        }
        store.requestStops(stops, now);
    }

    /**
     * What the pass saw and concluded, written once its Docker work is under way: no launch or stop waits for these
     * writes (a health change of ten tasks is ten of them), and a crash before them loses nothing the next pass
     * would not see again. The deployment's new state and the service's events come last, as before.
     */
    private void record(Decision d) {
        ServicePlan plan = d.plan();
        Instant now = d.now();
        for (TaskAction action : plan.actions()) {
            switch (action) {
                // A task whose launch or stop is under way gets its record from that work when it ends: writing
                // the same facts from here as well would only make the two writes collide.
                case TaskAction.MarkRunning r when work.busy(r.taskId()) -> {
                }
                case TaskAction.RecordContainers r when work.busy(r.taskId()) -> {
                }
                case TaskAction.MarkStopped m when work.busy(m.taskId()) -> {
                }
                case TaskAction.MarkRunning r -> store.markRunning(r.taskId(), r.containers(), r.startedAt(), now);
                case TaskAction.RecordContainers r -> store.recordContainers(r.taskId(), r.containers(), now);
                case TaskAction.MarkStopped m -> store.markStopped(m.taskId(), null, null, m.containers(), now);
                default -> {
                }
            }
        }
        for (DeploymentDecision dd : plan.deployments()) {
            switch (dd) {
                case DeploymentDecision.Complete c ->
                        store.finishDeployment(c.deploymentId(), Deployment.RolloutState.COMPLETED, c.reason(), now);
                case DeploymentDecision.Fail f ->
                        store.finishDeployment(f.deploymentId(), Deployment.RolloutState.FAILED, f.reason(), now);
                case DeploymentDecision.RollBack r -> {
                    store.finishDeployment(r.deploymentId(), Deployment.RolloutState.ROLLED_BACK, r.reason(), now);
                    store.startDeployment(d.service().id(), r.targetArn(), Deployment.Trigger.ROLLBACK, now);
                }
                case DeploymentDecision.Deactivate x -> store.deactivateDeployment(x.deploymentId(), now);
            }
        }
        if (!plan.events().isEmpty()) {
            store.appendEvents(d.service().id(), plan.events(), now);
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
     * Launches and stops run in parallel on the I/O executor, and the pass does not wait for them: a pass that
     * waited held its key while the engine worked (creating and starting ten containers takes seconds on a small
     * host), so the health events that arrived meanwhile queued behind it and old tasks were stopped in late waves.
     * A task stays in flight until its work ends, and no pass acts on it again meanwhile; each finished job wakes
     * the service ({@link #onWorkFinished}), so the pass that follows sees its result at once. A host that stops
     * answering mid-launch therefore holds nothing but its own task.
     *
     * @return whether Docker work on the service's tasks is under way (this pass's or an earlier one's)
     */
    private boolean act(Decision d) {
        UUID serviceId = d.service().id();
        ClusterPolicy policy = null;
        List<UUID> claimed = new ArrayList<>();
        List<UUID> launching = new ArrayList<>();
        List<Runnable> dispatch = new ArrayList<>();
        for (TaskAction action : d.plan().actions()) {
            Task task = d.tasks().get(action.taskId());
            boolean isLaunch = action instanceof TaskAction.LaunchNew || action instanceof TaskAction.Relaunch;
            if (isLaunch && policy == null) {
                policy = clusters.policy(d.service().cluster()); // once per pass, not once per task
            }
            ClusterPolicy p = policy;
            BooleanSupplier job = switch (action) {
                case TaskAction.LaunchNew l -> () -> launch(task, p);
                case TaskAction.Relaunch r -> () -> launch(task, p);
                case TaskAction.Stop s -> () -> {
                    stop(task);
                    return true;
                };
                default -> null;
            };
            if (job != null && work.claim(task.id())) {
                claimed.add(task.id());
                if (isLaunch && engines.engine(task.instanceId()).isPresent()) {
                    launching.add(task.id()); // no client yet: nothing is launched, the task stays as it is
                }
                dispatch.add(() -> {
                    work.started(serviceId);
                    io.execute(() -> {
                        boolean news = true;
                        try {
                            news = job.getAsBoolean();
                        } catch (RuntimeException e) {
                            // The task's records say what was reached; the pass this wakes looks again and goes on.
                            log.atWarn().addKeyValue("berth.task", task.id()).setCause(e)
                                    .log("Docker work on task {} of service {} failed: {}", task.id(), d.service().name(), e.toString());
                        } finally {
                            if (work.taskFinished(serviceId, task.id(), news)) {
                                workFinished.accept(serviceId);
                            }
                        }
                    });
                });
            }
        }
        try {
            // The intent first, for all of them in one commit: launches that each wrote their own before their
            // first Docker call queued for the connection pool (20 launches: 0.3 to 2.7 s on the 2-core machine).
            store.markPending(launching, clock.instant());
        } catch (RuntimeException e) {
            claimed.forEach(work::release);
            throw e;
        }
        dispatch.forEach(Runnable::run);
        return d.tasks().keySet().stream().anyMatch(work::busy);
    }

    /**
     * Takes an engine event of a task whose launch or stop is under way: the end of that work wakes the service,
     * at once, whatever other work of the service still runs (the event may be the task's health, which a rollout
     * waits for). A pass for the event now would find the task in flight.
     *
     * @return false when the task's work is not under way: the event must wake the service itself
     */
    public boolean absorbEvent(UUID taskId) {
        return work.absorbEvent(taskId);
    }

    /**
     * Who is told that Docker work on a service's task ended (the control loop enqueues the service's key): the
     * work's result is news the next pass must see now, not at the next event or resync.
     */
    public void onWorkFinished(Consumer<UUID> listener) {
        this.workFinished = listener;
    }

    /**
     * @return whether the outcome is news for the service's next pass: not so when the task still waits on the same
     *         dependsOn conditions (the pass that saw it start waiting looks again every {@link #DEPENDENCY_RECHECK})
     */
    private boolean launch(Task task, ClusterPolicy policy) {
        Optional<DockerEngine> engine = engines.engine(task.instanceId());
        if (engine.isEmpty()) {
            return true; // the instance pass reconnects it; the next pass relaunches
        }
        // already PENDING: act() wrote that for all the pass's launches in one transaction
        TaskDefinition td = taskDefinitions.get(task.taskDefinitionArn());
        LaunchResult result;
        try {
            result = launcher.launch(task, td.spec(), engine.get(), policy);
        } catch (EngineException e) {
            // Unreachable engine mid-launch: leave the task PENDING (the next pass sees what exists and finishes),
            // and tell the instance's health, so that a host that stays silent is declared lost and its tasks move.
            log.atWarn().addKeyValue("berth.task", task.id()).addKeyValue("berth.instance", task.instanceId())
                    .log("launch of task {} interrupted: {}", task.id(), e.getMessage());
            instanceHealth.failed(task.instanceId());
            return true;
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
                boolean startedWaiting = waitingOnDependencies.add(task.id());
                store.recordContainers(task.id(), w.containers(), now);
                return startedWaiting;
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
        return true;
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
