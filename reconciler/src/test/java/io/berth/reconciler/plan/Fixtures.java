package io.berth.reconciler.plan;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.DeploymentConfig;
import io.berth.reconciler.model.ObservedContainer;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.SchedulingStrategy;
import io.berth.reconciler.model.ServiceEvent;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.scheduler.ClusterLoad;
import io.berth.reconciler.scheduler.ClusterLoadBuilder;
import io.berth.reconciler.scheduler.placement.Placement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Small builders for the reconciler's pure tests: task definitions, instances, tasks, containers, snapshots. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    public static final String CLUSTER = "prod";
    public static final UUID SERVICE_ID = UUID.fromString("5e000000-0000-0000-0000-000000000001");

    private Fixtures() {
    }

    /** Small ids that sort in numeric order: id(1) &lt; id(2) &lt; ... */
    public static UUID id(int n) {
        return new UUID(0, n);
    }

    /** Ids for new tasks: a0000001-..., a0000002-..., the same sequence every time it is called. */
    public static Supplier<UUID> newIds() {
        AtomicInteger n = new AtomicInteger();
        return () -> newId(n.incrementAndGet());
    }

    /** Ids for existing tasks: b0000001-..., so that their short form (first 8 characters) differs. */
    public static UUID taskId(int n) {
        return UUID.fromString("%08x-0000-4000-8000-%012x".formatted(0xb0000000L + n, n));
    }

    public static UUID newId(int n) {
        return UUID.fromString("%08x-0000-4000-8000-%012x".formatted(0xa0000000L + n, n));
    }

    // ---- task definitions ----

    public static ContainerDefinition container(String name, boolean essential, PortMapping... ports) {
        return new ContainerDefinition(name, "nginx:1.27", null, null, null, null, null, null, essential, List.of(ports), null);
    }

    public static TaskDefinition taskDef(String family, int revision, int cpu, int memory, ContainerDefinition... containers) {
        return new TaskDefinition(family, revision, new TaskDefinitionSpec(List.of(containers), cpu, memory));
    }

    /** "web:rev": 256 CPU units, 512 MiB, one essential container "app". */
    public static TaskDefinition web(int revision) {
        return taskDef("web", revision, 256, 512, container("app", true));
    }

    // ---- instances ----

    public static ContainerInstance instance(UUID id, int cpu, int memory) {
        return new ContainerInstance(id, CLUSTER, "tcp://" + id + ":2376", "engine-" + id, "host-" + id,
                ContainerInstance.InstanceStatus.ACTIVE, true, T0, cpu, memory, Map.of());
    }

    // ---- services ----

    public static ServiceState service(TaskDefinition td, int desired) {
        return new ServiceState(SERVICE_ID, CLUSTER, "web", td, desired, false);
    }

    /** A DAEMON service: one task per eligible instance; its stored desired count is what the last pass counted. */
    public static ServiceState daemon(TaskDefinition td, DeploymentConfig deployment, Placement placement) {
        return new ServiceState(SERVICE_ID, CLUSTER, "web", td, 0, false, Duration.ZERO, deployment, List.of(),
                placement, SchedulingStrategy.DAEMON);
    }

    public static ServiceState deleting(TaskDefinition td) {
        return new ServiceState(SERVICE_ID, CLUSTER, "web", td, 0, true);
    }

    // ---- tasks ----

    public static TaskBuilder task(UUID id, TaskDefinition td) {
        return new TaskBuilder(id, td);
    }

    public static final class TaskBuilder {
        private final UUID id;
        private final TaskDefinition td;
        private UUID serviceId = SERVICE_ID;
        private String serviceName = "web";
        private UUID instanceId = id(1);
        private TaskStatus desired = TaskStatus.RUNNING;
        private TaskStatus last = TaskStatus.RUNNING;
        private StopCode stopCode;
        private String stoppedReason;
        private List<TaskContainer> containers;
        private Instant createdAt = T0;
        private Instant startedAt = T0;
        private Instant stoppedAt;

        private TaskBuilder(UUID id, TaskDefinition td) {
            this.id = id;
            this.td = td;
        }

        public TaskBuilder on(UUID instance) {
            this.instanceId = instance;
            return this;
        }

        public TaskBuilder service(UUID serviceId, String serviceName) {
            this.serviceId = serviceId;
            this.serviceName = serviceName;
            return this;
        }

        public TaskBuilder status(TaskStatus desired, TaskStatus last) {
            this.desired = desired;
            this.last = last;
            return this;
        }

        public TaskBuilder provisioning() {
            startedAt = null;
            return status(TaskStatus.RUNNING, TaskStatus.PROVISIONING);
        }

        public TaskBuilder pending() {
            startedAt = null;
            return status(TaskStatus.RUNNING, TaskStatus.PENDING);
        }

        /** RUNNING, with every container recorded as running under the docker id {@link #dockerId} gives. */
        public TaskBuilder running() {
            status(TaskStatus.RUNNING, TaskStatus.RUNNING);
            containers = td.spec().containers().stream()
                    .map(c -> new TaskContainer(c.name(), dockerId(id, c.name()), TaskStatus.RUNNING, null, null, List.of()))
                    .toList();
            return this;
        }

        /** desiredStatus STOPPED while still RUNNING: a stop was requested. */
        public TaskBuilder stopRequested(StopCode code, String reason) {
            running();
            desired = TaskStatus.STOPPED;
            stopCode = code;
            stoppedReason = reason;
            return this;
        }

        public TaskBuilder stopped(StopCode code, Instant startedAt, Instant stoppedAt) {
            this.desired = TaskStatus.STOPPED;
            this.last = TaskStatus.STOPPED;
            this.stopCode = code;
            this.stoppedReason = code == null ? null : code.name();
            this.startedAt = startedAt;
            this.stoppedAt = stoppedAt;
            return this;
        }

        public TaskBuilder created(Instant at) {
            this.createdAt = at;
            return this;
        }

        public TaskBuilder started(Instant at) {
            this.startedAt = at;
            return this;
        }

        public TaskBuilder containers(List<TaskContainer> containers) {
            this.containers = containers;
            return this;
        }

        public Task build() {
            List<TaskContainer> cs = containers != null ? containers
                    : td.spec().containers().stream().map(c -> TaskContainer.pending(c.name())).toList();
            return new Task(id, CLUSTER, serviceId, serviceName, td.family(), td.revision(), instanceId, desired, last,
                    stopCode, stoppedReason, td.spec().reservedCpu(), td.spec().reservedMemory(), cs, createdAt,
                    startedAt, stoppedAt);
        }
    }

    // ---- containers as the engine reports them ----

    public static String dockerId(UUID taskId, String name) {
        return "d-" + taskId.toString().substring(24) + "-" + name;
    }

    private static Map<String, String> labels(UUID taskId, String name) {
        return Map.of(ContainerLabels.MANAGED, "true", ContainerLabels.CLUSTER, CLUSTER,
                ContainerLabels.TASK_ID, taskId.toString(), ContainerLabels.CONTAINER, name);
    }

    public static ObservedContainer state(UUID taskId, String name, String status, Integer exitCode, boolean oom,
                                       String error, Instant startedAt) {
        return new ObservedContainer(dockerId(taskId, name), labels(taskId, name), status, status.equals("running"),
                exitCode, oom, ObservedContainer.Health.NONE, error, List.of(), startedAt);
    }

    public static ObservedContainer runningState(UUID taskId, String name, Instant startedAt) {
        return state(taskId, name, "running", null, false, null, startedAt);
    }

    public static ObservedContainer exitedState(UUID taskId, String name, int exitCode) {
        return state(taskId, name, "exited", exitCode, false, null, T0);
    }

    public static ObservedContainer oomState(UUID taskId, String name) {
        return state(taskId, name, "exited", 137, true, null, T0);
    }

    public static ObservedContainer createdState(UUID taskId, String name) {
        return state(taskId, name, "created", null, false, null, null);
    }

    /** A container with arbitrary labels (for the instance GC planner). */
    public static ObservedContainer labelled(String dockerId, boolean running, Map<String, String> labels) {
        return new ObservedContainer(dockerId, labels, running ? "running" : "exited", running,
                running ? null : 0, false, ObservedContainer.Health.NONE, null, List.of(), T0);
    }

    // ---- snapshots ----

    public static SnapshotBuilder snapshot(ServiceState service) {
        return new SnapshotBuilder(service);
    }

    public static final class SnapshotBuilder {
        private final ServiceState service;
        private final List<ContainerInstance> instances = new ArrayList<>();
        private final Set<UUID> unobserved = new HashSet<>();
        private final List<Task> tasks = new ArrayList<>();
        private final List<Task> otherTasks = new ArrayList<>();
        private final Map<UUID, List<ObservedContainer>> containers = new HashMap<>();
        private final Map<String, TaskDefinition> taskDefinitions = new LinkedHashMap<>();
        private ServiceEvent lastEvent;
        private ServiceTraffic traffic = ServiceTraffic.NONE;
        private LoadBalancerFacts loadBalancerHealth = LoadBalancerFacts.NONE;
        private final List<ServiceState> daemons = new ArrayList<>();

        private SnapshotBuilder(ServiceState service) {
            this.service = service;
            taskDefinitions.put(service.taskDefinition().arn(), service.taskDefinition());
        }

        public SnapshotBuilder instance(ContainerInstance i) {
            instances.add(i);
            return this;
        }

        /** An instance whose engine did not answer this pass. */
        public SnapshotBuilder unobservedInstance(ContainerInstance i) {
            instances.add(i);
            unobserved.add(i.id());
            return this;
        }

        public SnapshotBuilder taskDefinition(TaskDefinition td) {
            taskDefinitions.put(td.arn(), td);
            return this;
        }

        public SnapshotBuilder task(Task t, ObservedContainer... observed) {
            tasks.add(t);
            if (observed.length > 0) {
                containers.computeIfAbsent(t.id(), k -> new ArrayList<>()).addAll(Arrays.asList(observed));
            }
            return this;
        }

        /** A RUNNING task whose containers all run, as recorded and as observed. */
        public SnapshotBuilder healthyTask(TaskBuilder t) {
            Task task = t.running().build();
            TaskDefinition td = taskDefinitions.get(task.taskDefinitionArn());
            return task(task, td.spec().containers().stream()
                    .map(c -> runningState(task.id(), c.name(), task.startedAt())).toArray(ObservedContainer[]::new));
        }

        /** A task of another service: it only takes room on its instance. */
        public SnapshotBuilder otherTask(Task t) {
            otherTasks.add(t);
            return this;
        }

        /** The service's load balancer entries and its stopping tasks' draining. */
        public SnapshotBuilder traffic(ServiceTraffic t) {
            traffic = t;
            return this;
        }

        /** What the load balancers last reported about the service's tasks. */
        public SnapshotBuilder loadBalancerHealth(LoadBalancerFacts facts) {
            loadBalancerHealth = facts;
            return this;
        }

        /** Other DAEMON services of the cluster. */
        public SnapshotBuilder daemons(ServiceState... others) {
            daemons.addAll(Arrays.asList(others));
            return this;
        }

        public SnapshotBuilder lastEvent(Instant at, String message) {
            lastEvent = new ServiceEvent(at, message);
            return this;
        }

        public ServiceSnapshot build() {
            List<Task> onHosts = new ArrayList<>(otherTasks);
            tasks.stream().filter(t -> !t.isStopped()).forEach(onHosts::add);
            ClusterLoad load = ClusterLoadBuilder.build(instances, onHosts, arn -> taskDefinitions.get(arn).spec());
            Set<UUID> observed = new HashSet<>();
            instances.stream().map(ContainerInstance::id).filter(i -> !unobserved.contains(i)).forEach(observed::add);
            Set<UUID> draining = new HashSet<>();
            instances.stream().filter(i -> i.status() == ContainerInstance.InstanceStatus.DRAINING)
                    .map(ContainerInstance::id).forEach(draining::add);
            return new ServiceSnapshot(service, tasks, containers, observed, load, lastEvent, taskDefinitions, Set.of(),
                    draining, traffic, loadBalancerHealth, daemons);
        }
    }

    public static PlannerSettings settings(int maxLaunches, int maxStops) {
        return new PlannerSettings(maxLaunches, maxStops, Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofSeconds(10), Duration.ofMinutes(5));
    }
}
