package io.berth.reconciler.store;

import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.model.ServiceEvent;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskOverrides;
import io.berth.reconciler.model.TaskReservation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the control loop reads and writes of Berth's stored state. The production implementation sits on
 * JPA and PostgreSQL; scenario tests use an in-memory one. Every write is its own transaction and is
 * idempotent where the loop may repeat it after a crash.
 */
public interface StateStore {

    // ---- reads ----

    Optional<ServiceState> service(UUID serviceId);

    /** Ids of every service (active or being deleted): what a resync walks. */
    List<UUID> serviceIds();

    /**
     * The service's tasks that are not STOPPED, plus up to {@code recentStopped} of its newest stopped ones (0: none;
     * negative: IllegalArgumentException).
     */
    List<Task> tasksOfService(UUID serviceId, int recentStopped);

    /** Task definitions by "family:revision". Missing ones are absent from the map. */
    Map<String, TaskDefinition> taskDefinitions(Collection<String> arns);

    Optional<ServiceEvent> lastEvent(UUID serviceId);

    List<ContainerInstance> instances();

    Optional<ContainerInstance> instance(UUID instanceId);

    /** Every task of the cluster that is not STOPPED: the reservations placement must respect. */
    List<Task> activeTasks(String cluster);

    /**
     * What each placed task of the cluster that is not STOPPED reserves on its instance: {@link #activeTasks} reduced
     * to what the cluster's load is built from (tasks without an instance hold nothing), and much cheaper to read.
     */
    List<TaskReservation> reservations(String cluster);

    /**
     * {@link #reservations} of the tasks on one instance: what the instance pass recounts its remaining resources from.
     * A store should read only that instance's rows (the instance pass runs for every instance: reading the whole
     * cluster each time made it quadratic in the cluster's size).
     */
    default List<TaskReservation> reservationsOn(String cluster, UUID instanceId) {
        return reservations(cluster).stream().filter(r -> instanceId.equals(r.instanceId())).toList();
    }

    /** Tasks by id (any status); unknown ids are absent. */
    Map<UUID, Task> tasks(Collection<UUID> ids);

    /** Ids of the one-off (run-task) tasks that are not STOPPED: what the one-off resync walks. */
    List<UUID> standaloneTaskIds();

    /** The overrides a one-off task was started with; NONE for other and unknown tasks. */
    TaskOverrides overridesOf(UUID taskId);

    // ---- writes ----

    /**
     * Inserts new PROVISIONING one-off tasks (no service) with what run-task was asked, claiming their instances as
     * {@link #placeTasks} does: all or nothing, and what they reserve comes off the instances' remaining resources.
     *
     * @throws PlacementConflictException when another placement claimed one of the instances first; nothing stored
     */
    void insertStandaloneTasks(List<Task> tasks, Map<UUID, Long> placementVersions, TaskOverrides overrides,
                               String startedBy, String group);

    /**
     * Deletes up to {@code limit} task records STOPPED before {@code cutoff} (oldest first): the retention of
     * stopped tasks' records. Returns how many went.
     */
    int deleteTasksStoppedBefore(Instant cutoff, int limit);

    /** Inserts new PROVISIONING tasks. */
    void insertTasks(List<Task> tasks);

    /**
     * Inserts tasks placed by a pass, all or nothing, claiming each instance they go to: the instance's placement
     * version must still be the one the pass read (then it moves on, and the instance's remaining resources are
     * recomputed with the new tasks).
     *
     * @param placementVersions the placement version of each instance as read before its tasks
     * @throws PlacementConflictException when another placement claimed one of the instances first; nothing stored
     */
    void placeTasks(List<Task> tasks, Map<UUID, Long> placementVersions);

    /** desiredStatus STOPPED with code and reason (kept if already set), stoppingAt = now. */
    void requestStop(UUID taskId, StopCode code, String reason, Instant now);

    /** One stop a pass asks for. */
    record StopRequest(UUID taskId, StopCode code, String reason) {
    }

    /**
     * {@link #requestStop} for each, all or none: a pass's stops wait for this write before they start, and one
     * commit is cheaper than one per task (a rollout stops several old tasks at once).
     */
    default void requestStops(List<StopRequest> stops, Instant now) {
        stops.forEach(s -> requestStop(s.taskId(), s.code(), s.reason(), now));
    }

    /**
     * Where the given tasks stand in their connection draining (see {@link io.berth.reconciler.model.TaskDrain});
     * tasks not found are absent. Only asked about tasks already asked to stop, which are few.
     */
    Map<UUID, io.berth.reconciler.model.TaskDrain> drains(java.util.Collection<UUID> taskIds);

    /** deregisteredAt = at, unless already set: written once, so a repeated pass changes nothing. */
    void recordDeregistered(UUID taskId, Instant at);

    /** drainedAt = at, unless already set. */
    void recordDrained(UUID taskId, Instant at);

    /** lastStatus PENDING: containers are being created. */
    void markPending(UUID taskId, Instant now);

    /**
     * {@link #markPending(UUID, Instant)} for every task a pass is about to launch, in one transaction: twenty
     * launches no longer queue twenty commits for the connection pool before their first Docker call.
     */
    default void markPending(java.util.Collection<UUID> taskIds, Instant now) {
        taskIds.forEach(id -> markPending(id, now));
    }

    void markRunning(UUID taskId, List<TaskContainer> containers, Instant startedAt, Instant now);

    void recordContainers(UUID taskId, List<TaskContainer> containers, Instant now);

    /**
     * ECS's pullStartedAt / pullStoppedAt: a launch pulled images from {@code startedAt} to {@code stoppedAt}. A later
     * launch pass of the same task (dependsOn waits, a relaunch) widens the window: earliest start, latest stop.
     */
    void recordPull(UUID taskId, Instant startedAt, Instant stoppedAt);

    /**
     * The versions of the secrets and configs a launch gave the task's containers, added to those recorded by an
     * earlier launch pass of the same task (dependsOn waits).
     */
    void recordSecretVersions(UUID taskId, io.berth.reconciler.model.SecretVersions versions);

    /** lastStatus and desiredStatus STOPPED; code/reason are kept when already set and the given ones are null. */
    void markStopped(UUID taskId, StopCode code, String reason, List<TaskContainer> containers, Instant now);

    void appendEvents(UUID serviceId, List<String> messages, Instant now);

    /** Deletes a service row (its tasks stay, detached, for describe). */
    void deleteService(UUID serviceId);

    /** Heartbeat of an instance: connected or not, lastSeen = now when connected. */
    void recordInstanceContact(UUID instanceId, boolean connected, Instant now);

    /**
     * Remaining CPU/memory as derived from its active tasks, written only while the instance's placement version is
     * still {@code placementVersion} — read before the reservations the numbers were summed from — so that a
     * placement committed in between is not undone.
     */
    void recordInstanceRemaining(UUID instanceId, long placementVersion, int remainingCpu, int remainingMemory,
                                 Instant now);

    // ---- deployments ----

    /**
     * Starts a new PRIMARY deployment of {@code taskDefinitionArn} for the service and points the service at that
     * revision. The previous PRIMARY becomes ACTIVE; if its rollout was still IN_PROGRESS it ends FAILED
     * ("superseded"). Joins the caller's transaction when there is one (the API applies in one transaction).
     *
     * @return the new deployment's id
     */
    UUID startDeployment(UUID serviceId, String taskDefinitionArn, Deployment.Trigger trigger, Instant now);

    /** Ends a rollout: COMPLETED, FAILED or ROLLED_BACK. A deployment already finished is left as it is. */
    void finishDeployment(UUID deploymentId, Deployment.RolloutState state, String reason, Instant now);

    /** An ACTIVE deployment whose tasks are all gone becomes INACTIVE. */
    void deactivateDeployment(UUID deploymentId, Instant now);

    // ---- daemon services ----

    /**
     * A DAEMON service's desired count as its pass counted it (its eligible instances), on the service and its PRIMARY
     * deployment, where users read it. Unchanged counts write nothing.
     */
    void recordDaemonCount(UUID serviceId, int count, Instant now);

    /** The ids of the cluster's DAEMON services that are not being deleted. */
    java.util.Set<UUID> daemonServices(String cluster);
}
