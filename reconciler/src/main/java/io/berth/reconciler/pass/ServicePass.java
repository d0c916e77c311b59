package io.berth.reconciler.pass;

import io.berth.reconciler.hosts.InstanceHealth;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ServiceEvent;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.plan.ServicePlan;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.plan.ServicePlanner;
import io.berth.reconciler.plan.ServiceTraffic;
import io.berth.reconciler.store.TrafficStore;
import io.berth.reconciler.plan.ServiceSnapshot;
import io.berth.reconciler.plan.TaskAction;
import io.berth.reconciler.policy.ClusterPolicy;
import io.berth.reconciler.store.PlacementConflictException;
import io.berth.reconciler.store.StateStore;
import io.berth.reconciler.taskwork.LaunchResult;
import io.berth.reconciler.taskwork.TaskWork;
import io.berth.reconciler.taskwork.TaskWorkDispatcher;
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
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

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
    private final ServicePlanner planner;
    private final ServiceObserver observer;
    private final TaskWork taskWork;
    private final ServiceIntents intents;
    private final ServiceRecords records;
    private final ServiceDeletion deletion;
    private final TaskDefinitionCache taskDefinitions;
    private final ClusterLoadReader loads;
    private final ClusterLocks locks;
    private final Clock clock;
    private final PlanObserver planObserver;
    private final InstanceHealth instanceHealth;
    private volatile Consumer<UUID> workFinished = serviceId -> {
    };
    /** Tasks whose containers wait for dependsOn conditions: their service is looked at again soon. */
    private final Set<UUID> waitingOnDependencies = ConcurrentHashMap.newKeySet();
    private volatile LoadBalancerHealthSource loadBalancerHealth = LoadBalancerHealthSource.NONE;

    /** Where the service's load balancer entries are read; null: no load balancers, stops are never held back. */
    private final TrafficStore traffic;

    /** @param planObserver told of every plan the pass made ({@link PlanObserver#NONE} for no one) */
    public ServicePass(PassEnvironment env, ServicePlanner planner, PlanObserver planObserver) {
        this(env, planner, planObserver, null);
    }

    /** @param traffic the load balancers' store: tasks behind a load balancer are drained before they are stopped */
    public ServicePass(PassEnvironment env, ServicePlanner planner, PlanObserver planObserver, TrafficStore traffic) {
        this.traffic = traffic;
        this.store = env.store();
        this.planner = planner;
        this.planObserver = planObserver;
        this.instanceHealth = env.health();
        this.locks = env.locks();
        this.clock = env.clock();
        this.observer = new ServiceObserver(env.engines(), env.exits(), env.health(), env.io(), env.clock());
        this.taskWork = env.newTaskWork();
        this.intents = new ServiceIntents(store, taskWork.records());
        this.records = new ServiceRecords(store, taskWork.records());
        this.deletion = new ServiceDeletion(store, env.engines());
        this.taskDefinitions = new TaskDefinitionCache(store);
        this.loads = new ClusterLoadReader(store, taskDefinitions, env.health());
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
        Observation observation = observer.observe(serviceId, tasks, taskWork.dispatcher()::busy);
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
        records.write(service, decision.plan(), taskWork.dispatcher()::busy, decision.now());
        planObserver.planned(service, decision.plan());
        if (log.isDebugEnabled()) {
            log.debug("pass {}/{}: {} actions, {} events; observe {} ms, decide {} ms, act {} ms", service.cluster(),
                    service.name(), decision.plan().actions().size(), decision.plan().events().size(),
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        }
        if (decision.plan().deleteService()) {
            deletion.delete(service);
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

    /**
     * The service's target group entries and, for its tasks already asked to stop, where their draining stands.
     * One row read per pass for a service behind no load balancer.
     */
    private ServiceTraffic serviceTraffic(ServiceState service, List<Task> tasks) {
        if (traffic == null) {
            return ServiceTraffic.NONE;
        }
        Optional<TrafficStore.ServiceRegistration> registration = traffic.registrationOf(service.cluster(), service.id());
        if (registration.isEmpty()) {
            return ServiceTraffic.NONE;
        }
        List<UUID> stopping = tasks.stream()
                .filter(t -> t.desiredStatus() == TaskStatus.STOPPED && !t.isStopped()).map(Task::id).toList();
        return new ServiceTraffic(registration.get().loadBalancers(), registration.get().deregistrationDelay(),
                stopping.isEmpty() ? Map.of() : store.drains(stopping));
    }

    private record Decision(ServiceState service, ServicePlan plan, Map<UUID, Task> tasks, Instant now) {
    }

    private Decision decide(ServiceState service, List<Task> tasks, Observation observation) {
        try (ClusterLocks.Held held = locks.hold(service.cluster())) {
            Instant now = clock.instant();
            ClusterLoadReader.ClusterView view = loads.read(service.cluster(), ClusterLoadReader.LostHosts.KEPT,
                    tasks.stream().map(Task::taskDefinitionArn).toList());
            ServiceEvent lastEvent = store.lastEvent(service.id()).orElse(null);
            Set<UUID> draining = new HashSet<>();
            view.instances().stream().filter(i -> i.status() == ContainerInstance.InstanceStatus.DRAINING)
                    .forEach(i -> draining.add(i.id()));
            ServiceSnapshot snapshot = new ServiceSnapshot(service, tasks, observation.containersByTask(),
                    observation.answered(), view.load(), lastEvent, view.taskDefinitions(), instanceHealth.lost(), draining,
                    serviceTraffic(service, tasks), loadBalancerHealth.facts(service, tasks),
                    daemons(service, draining));
            ServicePlan plan = planner.plan(snapshot, now, UUID::randomUUID);
            Map<UUID, Task> byId = new HashMap<>();
            tasks.forEach(t -> byId.put(t.id(), t));
            intents.write(service, plan, byId, view.placementVersions(), now);
            return new Decision(service, plan, byId, now);
        }
    }

    /**
     * The cluster's other daemon services: a replica service leaves room for their missing tasks; a daemon needs them
     * only while a host drains.
     */
    private List<ServiceState> daemons(ServiceState service, Set<UUID> draining) {
        if (service.deleting() || (service.isDaemon() && draining.isEmpty())) {
            return List.of();
        }
        List<ServiceState> result = new ArrayList<>();
        for (UUID id : store.daemonServices(service.cluster())) {
            if (!id.equals(service.id())) {
                store.service(id).ifPresent(result::add);
            }
        }
        return result;
    }

    /**
     * Launches and stops run in parallel on the I/O executor, and the pass does not wait for them: a pass that
     * waited held its key while the engine worked (creating and starting ten containers takes seconds on a small
     * host), so the health events that arrived meanwhile queued behind it and old tasks were stopped in late waves.
     * A task stays in flight until its work ends, and no pass acts on it again meanwhile; the end of the service's
     * work wakes the service ({@link #onWorkFinished}), so the pass that follows sees its result at once. A host that
     * stops answering mid-launch therefore holds nothing but its own task.
     *
     * @return whether Docker work on the service's tasks is under way (this pass's or an earlier one's)
     */
    private boolean act(Decision d) {
        ClusterPolicy policy = null;
        List<TaskWorkDispatcher.Job> jobs = new ArrayList<>();
        for (TaskAction action : d.plan().actions()) {
            Task task = d.tasks().get(action.taskId());
            boolean isLaunch = action instanceof TaskAction.LaunchNew || action instanceof TaskAction.Relaunch;
            if (isLaunch && policy == null) {
                policy = taskWork.launches().policy(d.service().cluster()); // once per pass, not once per task
            }
            ClusterPolicy p = policy;
            BooleanSupplier job = switch (action) {
                case TaskAction.LaunchNew l -> () -> launch(task, p);
                case TaskAction.Relaunch r -> () -> launch(task, p);
                case TaskAction.Stop s -> () -> {
                    taskWork.stops().stop(task, specOf(task));
                    return true;
                };
                default -> null;
            };
            if (job != null) {
                jobs.add(new TaskWorkDispatcher.Job(task, isLaunch, reportingFailure(job, task, d.service())));
            }
        }
        taskWork.dispatcher().start(d.service().id(), jobs, serviceId -> workFinished.accept(serviceId));
        return d.tasks().keySet().stream().anyMatch(taskWork.dispatcher()::busy);
    }

    /** A failed piece of work is news: the task's records say what was reached, and the pass it wakes goes on. */
    private static BooleanSupplier reportingFailure(BooleanSupplier job, Task task, ServiceState service) {
        return () -> {
            try {
                return job.getAsBoolean();
            } catch (RuntimeException e) {
                log.atWarn().addKeyValue("berth.task", task.id()).setCause(e)
                        .log("Docker work on task {} of service {} failed: {}", task.id(), service.name(), e.toString());
                return true;
            }
        };
    }

    private TaskDefinitionSpec specOf(Task task) {
        return taskDefinitions.get(task.taskDefinitionArn()).spec();
    }

    /**
     * Takes an engine event of a task whose launch or stop is under way: the end of that work wakes the service,
     * at once, whatever other work of the service still runs (the event may be the task's health, which a rollout
     * waits for). A pass for the event now would find the task in flight.
     *
     * @return false when the task's work is not under way: the event must wake the service itself
     */
    public boolean absorbEvent(UUID taskId) {
        return taskWork.dispatcher().absorbEvent(taskId);
    }

    /**
     * Where the pass learns what the load balancers last said about the service's tasks: a task behind them counts
     * as healthy for a rollout only once they find it healthy, and one they find unhealthy is replaced.
     */
    public void useLoadBalancerHealth(LoadBalancerHealthSource source) {
        this.loadBalancerHealth = source;
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
        // already PENDING: the dispatcher wrote that for all the pass's launches in one transaction
        Optional<LaunchResult> result = taskWork.launches().launch(task, specOf(task), policy);
        if (result.isEmpty()) {
            return true;
        }
        boolean news = true;
        if (result.get() instanceof LaunchResult.Waiting w) {
            // PENDING until every container could start; the next pass (an event or the requeue) goes on.
            log.debug("task {} waits: {}", task.id(), w.waitingFor());
            news = waitingOnDependencies.add(task.id());
        } else {
            waitingOnDependencies.remove(task.id());
        }
        taskWork.launches().record(task, result.get());
        return news;
    }
}
