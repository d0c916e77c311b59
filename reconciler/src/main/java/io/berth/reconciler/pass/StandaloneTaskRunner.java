package io.berth.reconciler.pass;

import io.berth.reconciler.scheduler.placement.Placement;
import io.berth.reconciler.hosts.InstanceHealth;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskOverrides;
import io.berth.reconciler.plan.ClientTokens;
import io.berth.reconciler.plan.RunTaskPlan;
import io.berth.reconciler.plan.RunTaskPlanner;
import io.berth.reconciler.store.PlacementConflictException;
import io.berth.reconciler.store.StateStore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * run-task: places one-off tasks and writes their rows (PROVISIONING, on their instance) — the intent the one-off
 * pass then carries out. Under the cluster's placement lock, shared with the service passes, so that a run-task
 * and a service pass never reserve the same free memory twice.
 */
public final class StandaloneTaskRunner {

    private final StateStore store;
    private final RunTaskPlanner planner;
    private final ClusterLocks locks;
    private final Clock clock;
    private final TaskDefinitionCache taskDefinitions;
    private final ClusterLoadReader loads;
    /** Tries before a run-task gives up on instances other placements keep claiming first. */
    static final int ATTEMPTS = 5;

    public StandaloneTaskRunner(StateStore store, RunTaskPlanner planner, ClusterLocks locks, InstanceHealth health,
                                Clock clock) {
        this.store = store;
        this.planner = planner;
        this.locks = locks;
        this.clock = clock;
        this.taskDefinitions = new TaskDefinitionCache(store);
        this.loads = new ClusterLoadReader(store, taskDefinitions, health);
    }

    /** Places and records {@code count} tasks of {@code td}; the caller tells the loop about the new tasks. */
    public RunTaskPlan run(String cluster, TaskDefinition td, int count, TaskOverrides overrides, String startedBy,
                           String group) {
        return run(cluster, td, count, overrides, Placement.SERVICE_DEFAULT, startedBy, group);
    }

    /**
     * @param placement the request's constraints and strategies; the task definition's constraints are added
     * @throws PlacementConflictException when another placement (another Berth on the same database) kept claiming the
     *                                    chosen instances first, {@link #ATTEMPTS} times; nothing stored
     */
    public RunTaskPlan run(String cluster, TaskDefinition td, int count, TaskOverrides overrides, Placement placement,
                           String startedBy, String group) {
        return run(cluster, td, count, overrides, placement, startedBy, group, null);
    }

    /**
     * @param clientToken ECS's idempotency token, or null: when tasks of an earlier request with the same token in
     *                    this cluster are stored, they are answered ({@link RunTaskPlan#repeated()}) and nothing
     *                    new is placed (see {@link ClientTokens})
     * @throws ClientTokenReusedException when an earlier request with the same token asked for another count
     */
    public RunTaskPlan run(String cluster, TaskDefinition td, int count, TaskOverrides overrides, Placement placement,
                           String startedBy, String group, String clientToken) {
        taskDefinitions.remember(td);
        try (ClusterLocks.Held held = locks.hold(cluster)) {
            List<UUID> tokenIds = clientToken == null ? null : ClientTokens.taskIds(cluster, clientToken, count);
            if (tokenIds != null) {
                Map<UUID, Task> earlier = store.tasks(tokenIds);
                if (!earlier.isEmpty()) {
                    return RunTaskPlan.repeated(tokenIds.stream().filter(earlier::containsKey).map(earlier::get).toList());
                }
                if (!store.tasks(ClientTokens.otherCounts(cluster, clientToken, count)).isEmpty()) {
                    throw new ClientTokenReusedException(clientToken);
                }
            }
            for (int attempt = 1; ; attempt++) {
                Supplier<UUID> ids = tokenIds == null ? UUID::randomUUID : tokenIds.iterator()::next;
                try {
                    return placeAndRecord(cluster, td, count, overrides, placement, startedBy, group, ids);
                } catch (PlacementConflictException e) {
                    if (attempt >= ATTEMPTS) {
                        throw e;
                    }
                    // the load it planned on is stale: read it again and plan again
                }
            }
        }
    }

    private RunTaskPlan placeAndRecord(String cluster, TaskDefinition td, int count, TaskOverrides overrides,
                                       Placement placement, String startedBy, String group, Supplier<UUID> ids) {
        ClusterLoadReader.ClusterView view = loads.read(cluster, ClusterLoadReader.LostHosts.LEFT_OUT, List.of());
        Instant now = clock.instant();
        RunTaskPlan plan = planner.plan(cluster, td, overrides, placement, count, view.load(), now, ids);
        store.insertStandaloneTasks(plan.tasks(), view.placementVersions(), overrides, startedBy, group);
        return plan;
    }
}
