package io.berth.reconciler.testing;

import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.model.ServiceEvent;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskOverrides;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.store.StateStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An in-memory {@link StateStore} for scenario tests of the loop: same semantics as the JPA store,
 * no database. A fake by design, and named as one would expect of it.
 */
public final class InMemoryStateStore implements StateStore {

    /** Events kept per service, as the JPA store trims them. */
    private static final int EVENTS_KEPT = 100;

    private final Map<UUID, ServiceState> services = new LinkedHashMap<>();
    private final Map<UUID, Task> tasks = new LinkedHashMap<>();
    private final Map<UUID, Instant[]> pulls = new HashMap<>();
    private final Map<String, TaskDefinition> taskDefinitions = new HashMap<>();
    private final Map<UUID, ContainerInstance> instances = new LinkedHashMap<>();
    private final Map<UUID, List<ServiceEvent>> events = new HashMap<>();
    private final Map<UUID, int[]> remaining = new HashMap<>();
    private final Map<UUID, List<Deployment>> deployments = new HashMap<>();
    private final Map<UUID, TaskOverrides> overrides = new HashMap<>();
    private final Map<UUID, String[]> runTaskInfo = new HashMap<>();
    private final List<Runnable> held = new ArrayList<>();
    private int heldRunning;
    private int competingPlacements;

    /**
     * The next {@code n} placements find their instances claimed by another placement (another Berth on the same
     * database) after they read them: their versions move on just before the claim, which then conflicts.
     */
    public synchronized void competingPlacements(int n) {
        competingPlacements = n;
    }

    /**
     * The next {@code n} RUNNING records are held back until {@link #releaseHeld()}: a launch whose record of the
     * start comes after the engine's health event was handled.
     */
    public synchronized void holdMarkRunning(int n) {
        heldRunning = n;
    }

    /** Writes the held records now. */
    public synchronized void releaseHeld() {
        List<Runnable> writes = List.copyOf(held);
        held.clear();
        writes.forEach(Runnable::run);
    }

    // ---- test setup ----

    public synchronized void putTaskDefinition(TaskDefinition td) {
        taskDefinitions.put(td.arn(), td);
    }

    public synchronized void putService(ServiceState s) {
        putTaskDefinition(s.taskDefinition());
        services.put(s.id(), s);
    }

    public synchronized void putInstance(ContainerInstance i) {
        instances.put(i.id(), i);
    }

    public synchronized List<Task> allTasks() {
        return List.copyOf(tasks.values());
    }

    public synchronized List<ServiceEvent> events(UUID serviceId) {
        return List.copyOf(events.getOrDefault(serviceId, List.of()));
    }

    public synchronized Optional<int[]> remaining(UUID instanceId) {
        return Optional.ofNullable(remaining.get(instanceId));
    }

    // ---- reads ----

    /**
     * The service as stored, with its PRIMARY and ACTIVE deployments plus its newest COMPLETED one (a rollback's
     * target), failed-task counts derived from the tasks: as the JPA store reads them.
     */
    @Override
    public synchronized Optional<ServiceState> service(UUID serviceId) {
        ServiceState s = services.get(serviceId);
        if (s == null) {
            return Optional.empty();
        }
        List<Deployment> all = deployments.getOrDefault(serviceId, List.of());
        Optional<Deployment> newestCompleted = all.stream()
                .filter(d -> d.rolloutState() == Deployment.RolloutState.COMPLETED)
                .max(Comparator.comparing(Deployment::createdAt));
        List<Deployment> ds = all.stream()
                .filter(d -> d.status() != Deployment.Status.INACTIVE
                        || newestCompleted.map(c -> c.id().equals(d.id())).orElse(false))
                .map(d -> new Deployment(d.id(), d.taskDefinitionArn(), d.status(), d.rolloutState(), d.reason(), d.trigger(),
                        d.desiredCount(), failedTasks(d.id()), d.createdAt(), d.finishedAt()))
                .toList();
        return Optional.of(new ServiceState(s.id(), s.cluster(), s.name(), s.taskDefinition(), s.desiredCount(), s.deleting(),
                s.healthCheckGracePeriod(), s.deployment(), ds, s.placement(), s.schedulingStrategy()));
    }

    public synchronized List<Deployment> deployments(UUID serviceId) {
        return List.copyOf(deployments.getOrDefault(serviceId, List.of()));
    }

    private int failedTasks(UUID deploymentId) {
        return (int) tasks.values().stream().filter(t -> deploymentId.equals(t.deploymentId())).filter(Task::isStopped)
                .filter(t -> t.stopCode() != null && t.stopCode().isFailure())
                .count();
    }

    @Override
    public synchronized UUID startDeployment(UUID serviceId, String taskDefinitionArn, Deployment.Trigger trigger, Instant now) {
        ServiceState s = services.get(serviceId);
        TaskDefinition td = taskDefinitions.get(taskDefinitionArn);
        if (s == null || td == null) {
            throw new IllegalStateException("no service " + serviceId + " or task definition " + taskDefinitionArn);
        }
        List<Deployment> list = deployments.computeIfAbsent(serviceId, k -> new ArrayList<>());
        list.replaceAll(d -> d.status() != Deployment.Status.PRIMARY ? d
                : new Deployment(d.id(), d.taskDefinitionArn(), Deployment.Status.ACTIVE,
                d.inProgress() ? Deployment.RolloutState.FAILED : d.rolloutState(),
                d.inProgress() ? "superseded by a newer deployment before it completed" : d.reason(),
                d.trigger(), d.desiredCount(), 0, d.createdAt(), d.inProgress() ? now : d.finishedAt()));
        UUID id = UUID.randomUUID();
        list.add(new Deployment(id, taskDefinitionArn, Deployment.Status.PRIMARY, Deployment.RolloutState.IN_PROGRESS, null,
                trigger, s.desiredCount(), 0, now, null));
        services.put(serviceId, new ServiceState(s.id(), s.cluster(), s.name(), td, s.desiredCount(), s.deleting(),
                s.healthCheckGracePeriod(), s.deployment(), List.of(), s.placement(), s.schedulingStrategy()));
        return id;
    }

    @Override
    public synchronized void finishDeployment(UUID deploymentId, Deployment.RolloutState state, String reason, Instant now) {
        deployments.values().forEach(list -> list.replaceAll(d -> !d.id().equals(deploymentId) || !d.inProgress() ? d
                : new Deployment(d.id(), d.taskDefinitionArn(), d.status(), state, reason, d.trigger(), d.desiredCount(), 0,
                d.createdAt(), now)));
    }

    @Override
    public synchronized void deactivateDeployment(UUID deploymentId, Instant now) {
        deployments.values().forEach(list -> list.replaceAll(d -> !d.id().equals(deploymentId) || d.status() != Deployment.Status.ACTIVE ? d
                : new Deployment(d.id(), d.taskDefinitionArn(), Deployment.Status.INACTIVE, d.rolloutState(), d.reason(),
                d.trigger(), d.desiredCount(), 0, d.createdAt(), d.finishedAt())));
    }

    @Override
    public synchronized List<UUID> serviceIds() {
        return List.copyOf(services.keySet());
    }

    @Override
    public synchronized List<Task> tasksOfService(UUID serviceId, int recentStopped) {
        List<Task> of = tasks.values().stream().filter(t -> serviceId.equals(t.serviceId())).toList();
        Stream<Task> live = of.stream().filter(t -> !t.isStopped()).sorted(Comparator.comparing(Task::createdAt));
        Stream<Task> stopped = of.stream().filter(Task::isStopped)
                .sorted(Comparator.comparing(Task::stoppedAt).reversed()).limit(recentStopped);
        return Stream.concat(live, stopped).toList();
    }

    @Override
    public synchronized Map<String, TaskDefinition> taskDefinitions(Collection<String> arns) {
        Map<String, TaskDefinition> result = new HashMap<>();
        arns.forEach(a -> Optional.ofNullable(taskDefinitions.get(a)).ifPresent(td -> result.put(a, td)));
        return result;
    }

    @Override
    public synchronized Optional<ServiceEvent> lastEvent(UUID serviceId) {
        List<ServiceEvent> list = events.getOrDefault(serviceId, List.of());
        return list.isEmpty() ? Optional.empty() : Optional.of(list.getLast());
    }

    @Override
    public synchronized List<ContainerInstance> instances() {
        return List.copyOf(instances.values());
    }

    @Override
    public synchronized Optional<ContainerInstance> instance(UUID instanceId) {
        return Optional.ofNullable(instances.get(instanceId));
    }

    @Override
    public synchronized List<Task> activeTasks(String cluster) {
        return tasks.values().stream().filter(t -> t.cluster().equals(cluster) && !t.isStopped()).toList();
    }

    @Override
    public synchronized List<io.berth.reconciler.model.TaskReservation> reservations(String cluster) {
        return activeTasks(cluster).stream().filter(t -> t.instanceId() != null)
                .map(io.berth.reconciler.model.TaskReservation::of).toList();
    }

    @Override
    public synchronized Map<UUID, Task> tasks(Collection<UUID> ids) {
        Map<UUID, Task> result = new HashMap<>();
        ids.forEach(id -> Optional.ofNullable(tasks.get(id)).ifPresent(t -> result.put(id, t)));
        return result;
    }

    @Override
    public synchronized List<UUID> standaloneTaskIds() {
        return tasks.values().stream().filter(t -> t.serviceName() == null && !t.isStopped()).map(Task::id).toList();
    }

    @Override
    public synchronized TaskOverrides overridesOf(UUID taskId) {
        return overrides.getOrDefault(taskId, TaskOverrides.NONE);
    }

    /** startedBy and group of a one-off task, as run-task recorded them. */
    public synchronized String[] runTaskInfo(UUID taskId) {
        return runTaskInfo.get(taskId);
    }

    // ---- writes ----

    @Override
    public synchronized void insertStandaloneTasks(List<Task> newTasks, Map<UUID, Long> placementVersions,
                                                   TaskOverrides taskOverrides, String startedBy, String group) {
        placeTasks(newTasks, placementVersions);
        newTasks.forEach(t -> {
            overrides.put(t.id(), taskOverrides);
            runTaskInfo.put(t.id(), new String[]{startedBy, group});
        });
    }

    @Override
    public synchronized int deleteTasksStoppedBefore(Instant cutoff, int limit) {
        List<UUID> old = tasks.values().stream().filter(t -> t.isStopped() && t.stoppedAt().isBefore(cutoff))
                .sorted(Comparator.comparing(Task::stoppedAt)).limit(limit).map(Task::id).toList();
        old.forEach(id -> {
            tasks.remove(id);
            overrides.remove(id);
            runTaskInfo.remove(id);
        });
        return old.size();
    }

    @Override
    public synchronized void insertTasks(List<Task> newTasks) {
        newTasks.forEach(t -> {
            if (tasks.putIfAbsent(t.id(), t) != null) {
                throw new IllegalStateException("task " + t.id() + " exists");
            }
        });
    }

    @Override
    public synchronized void placeTasks(List<Task> newTasks, Map<UUID, Long> placementVersions) {
        java.util.Set<UUID> targets = new java.util.HashSet<>();
        newTasks.forEach(t -> targets.add(t.instanceId()));
        if (competingPlacements > 0 && !targets.isEmpty()) {
            competingPlacements--;
            targets.forEach(this::bumpPlacementVersion);
        }
        for (UUID id : targets) {
            ContainerInstance i = instances.get(id);
            if (i == null || !Long.valueOf(i.placementVersion()).equals(placementVersions.get(id))) {
                throw new io.berth.reconciler.store.PlacementConflictException(id);
            }
        }
        targets.forEach(this::bumpPlacementVersion);
        insertTasks(newTasks);
    }

    private void bumpPlacementVersion(UUID id) {
        ContainerInstance i = instances.get(id);
        if (i != null) {
            instances.put(id, new ContainerInstance(i.id(), i.cluster(), i.endpoint(), i.engineId(), i.hostname(),
                    i.status(), i.connected(), i.lastSeen(), i.registeredCpu(), i.registeredMemory(), i.attributes(),
                    i.placementVersion() + 1, i.reservedPorts()));
        }
    }

    /** Stop requests and the traffic pass's drain records, as the task table's columns hold them. */
    private final Map<UUID, io.berth.reconciler.model.TaskDrain> drains = new java.util.HashMap<>();

    @Override
    public synchronized Map<UUID, io.berth.reconciler.model.TaskDrain> drains(Collection<UUID> taskIds) {
        Map<UUID, io.berth.reconciler.model.TaskDrain> result = new java.util.HashMap<>();
        for (UUID id : taskIds) {
            if (tasks.containsKey(id)) {
                result.put(id, drains.getOrDefault(id, io.berth.reconciler.model.TaskDrain.NOT_STARTED));
            }
        }
        return result;
    }

    @Override
    public synchronized void recordDeregistered(UUID taskId, Instant at) {
        var d = drains.getOrDefault(taskId, io.berth.reconciler.model.TaskDrain.NOT_STARTED);
        if (d.deregisteredAt() == null) {
            drains.put(taskId, new io.berth.reconciler.model.TaskDrain(d.stoppingAt(), at, d.drainedAt()));
        }
    }

    @Override
    public synchronized void recordDrained(UUID taskId, Instant at) {
        var d = drains.getOrDefault(taskId, io.berth.reconciler.model.TaskDrain.NOT_STARTED);
        if (d.drainedAt() == null) {
            drains.put(taskId, new io.berth.reconciler.model.TaskDrain(d.stoppingAt(), d.deregisteredAt(), at));
        }
    }

    @Override
    public synchronized void requestStop(UUID taskId, StopCode code, String reason, Instant now) {
        var d = drains.getOrDefault(taskId, io.berth.reconciler.model.TaskDrain.NOT_STARTED);
        if (d.stoppingAt() == null) {
            drains.put(taskId, new io.berth.reconciler.model.TaskDrain(now, d.deregisteredAt(), d.drainedAt()));
        }
        update(taskId, t -> copy(t, TaskStatus.STOPPED, t.lastStatus(), t.stopCode() != null ? t.stopCode() : code,
                t.stoppedReason() != null ? t.stoppedReason() : reason, t.containers(), t.startedAt(), t.stoppedAt()));
    }

    @Override
    public synchronized void markPending(UUID taskId, Instant now) {
        update(taskId, t -> t.lastStatus() == TaskStatus.PROVISIONING
                ? copy(t, t.desiredStatus(), TaskStatus.PENDING, t.stopCode(), t.stoppedReason(), t.containers(), t.startedAt(), t.stoppedAt())
                : t);
    }

    @Override
    public synchronized void markRunning(UUID taskId, List<TaskContainer> containers, Instant startedAt, Instant now) {
        if (heldRunning > 0) {
            heldRunning--;
            held.add(() -> markRunning(taskId, containers, startedAt, now));
            return;
        }
        update(taskId, t -> t.isStopped() ? t
                : copy(t, t.desiredStatus(), TaskStatus.RUNNING, t.stopCode(), t.stoppedReason(), containers,
                t.startedAt() != null ? t.startedAt() : startedAt, t.stoppedAt()));
    }

    @Override
    public synchronized void recordContainers(UUID taskId, List<TaskContainer> containers, Instant now) {
        update(taskId, t -> copy(t, t.desiredStatus(), t.lastStatus(), t.stopCode(), t.stoppedReason(), containers, t.startedAt(), t.stoppedAt()));
    }

    @Override
    public synchronized void recordPull(UUID taskId, Instant startedAt, Instant stoppedAt) {
        Instant[] old = pulls.get(taskId);
        pulls.put(taskId, old == null ? new Instant[]{startedAt, stoppedAt} : new Instant[]{
                startedAt.isBefore(old[0]) ? startedAt : old[0], stoppedAt.isAfter(old[1]) ? stoppedAt : old[1]});
    }

    private final Map<UUID, io.berth.reconciler.model.SecretVersions> secretVersions = new java.util.HashMap<>();

    @Override
    public synchronized void recordSecretVersions(UUID taskId, io.berth.reconciler.model.SecretVersions versions) {
        secretVersions.merge(taskId, versions, io.berth.reconciler.model.SecretVersions::plus);
    }

    /** What {@link #recordSecretVersions} recorded for the task. */
    public synchronized io.berth.reconciler.model.SecretVersions secretVersions(UUID taskId) {
        return secretVersions.getOrDefault(taskId, io.berth.reconciler.model.SecretVersions.NONE);
    }

    /** The task's [pullStartedAt, pullStoppedAt] as the JPA store keeps them; empty when no pull was recorded. */
    public synchronized java.util.Optional<List<Instant>> pullTimes(UUID taskId) {
        return java.util.Optional.ofNullable(pulls.get(taskId)).map(p -> List.of(p[0], p[1]));
    }

    @Override
    public synchronized void markStopped(UUID taskId, StopCode code, String reason, List<TaskContainer> containers, Instant now) {
        update(taskId, t -> t.isStopped() ? t
                : copy(t, TaskStatus.STOPPED, TaskStatus.STOPPED, t.stopCode() != null ? t.stopCode() : code,
                t.stoppedReason() != null ? t.stoppedReason() : reason, containers, t.startedAt(), now));
    }

    @Override
    public synchronized void appendEvents(UUID serviceId, List<String> messages, Instant now) {
        if (!services.containsKey(serviceId)) {
            return;
        }
        List<ServiceEvent> list = events.computeIfAbsent(serviceId, k -> new ArrayList<>());
        messages.forEach(m -> list.add(new ServiceEvent(now, m)));
        if (list.size() > EVENTS_KEPT) {
            list.subList(0, list.size() - EVENTS_KEPT).clear();
        }
    }

    @Override
    public synchronized void deleteService(UUID serviceId) {
        services.remove(serviceId);
        events.remove(serviceId);
        tasks.replaceAll((id, t) -> serviceId.equals(t.serviceId())
                ? new Task(t.id(), t.cluster(), null, t.serviceName(), t.family(), t.revision(), t.instanceId(),
                t.desiredStatus(), t.lastStatus(), t.stopCode(), t.stoppedReason(), t.reservedCpu(), t.reservedMemory(),
                t.containers(), t.createdAt(), t.startedAt(), t.stoppedAt(), t.deploymentId())
                : t);
    }

    @Override
    public synchronized void recordInstanceContact(UUID instanceId, boolean connected, Instant now) {
        ContainerInstance i = instances.get(instanceId);
        if (i != null) {
            instances.put(instanceId, new ContainerInstance(i.id(), i.cluster(), i.endpoint(), i.engineId(), i.hostname(),
                    i.status(), connected, connected ? now : i.lastSeen(), i.registeredCpu(), i.registeredMemory(), i.attributes(),
                    i.placementVersion(), i.reservedPorts()));
        }
    }

    @Override
    public synchronized void recordInstanceRemaining(UUID instanceId, long placementVersion, int remainingCpu,
                                                     int remainingMemory, Instant now) {
        ContainerInstance i = instances.get(instanceId);
        if (i == null || i.placementVersion() != placementVersion) {
            return; // a placement since the numbers were read: as the database, the write is skipped
        }
        remaining.put(instanceId, new int[]{remainingCpu, remainingMemory});
    }

    private void update(UUID taskId, java.util.function.UnaryOperator<Task> change) {
        Task t = tasks.get(taskId);
        if (t == null) {
            throw new IllegalStateException("no task " + taskId);
        }
        tasks.put(taskId, change.apply(t));
    }

    private static Task copy(Task t, TaskStatus desired, TaskStatus last, StopCode code, String reason,
                             List<TaskContainer> containers, Instant startedAt, Instant stoppedAt) {
        return new Task(t.id(), t.cluster(), t.serviceId(), t.serviceName(), t.family(), t.revision(), t.instanceId(),
                desired, last, code, reason, t.reservedCpu(), t.reservedMemory(), containers, t.createdAt(), startedAt, stoppedAt,
                t.deploymentId());
    }

    @Override
    public synchronized void recordDaemonCount(UUID serviceId, int count, Instant now) {
        ServiceState s = services.get(serviceId);
        if (s != null && s.desiredCount() != count) {
            services.put(serviceId, s.withDesiredCount(count));
        }
        deployments.getOrDefault(serviceId, List.of()).replaceAll(d -> d.status() != Deployment.Status.PRIMARY ? d
                : new Deployment(d.id(), d.taskDefinitionArn(), d.status(), d.rolloutState(), d.reason(), d.trigger(),
                count, d.failedTasks(), d.createdAt(), d.finishedAt()));
    }

    @Override
    public synchronized java.util.Set<UUID> daemonServices(String cluster) {
        java.util.Set<UUID> result = new java.util.HashSet<>();
        services.values().stream().filter(s -> s.cluster().equals(cluster) && s.isDaemon() && !s.deleting())
                .forEach(s -> result.add(s.id()));
        return result;
    }
}
