package io.berth.reconciler.pass;

import io.berth.reconciler.hosts.InstanceHealth;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskReservation;
import io.berth.reconciler.scheduler.ClusterLoad;
import io.berth.reconciler.scheduler.ClusterLoadBuilder;
import io.berth.reconciler.store.StateStore;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads what a placement decides on: a cluster's instances with their placement versions, and the load of what every
 * placed task reserves. Called under the cluster's placement lock.
 */
final class ClusterLoadReader {

    /** Whether instances whose host has been declared lost are part of what is read. */
    enum LostHosts {
        /**
         * Kept: the service pass hands the lost hosts to its planner with the snapshot, which gives up their tasks and
         * places nothing there.
         */
        KEPT,
        /** Left out: run-task places on the hosts that answer, and has no tasks of its own to give up. */
        LEFT_OUT
    }

    /**
     * @param taskDefinitions    the revisions of every reservation, and of the tasks the caller named
     * @param placementVersions  each instance's version as read: a placement committed in between moved it, so the
     *                           claim of the caller's placements fails rather than over-commit on the older load
     */
    record ClusterView(List<ContainerInstance> instances, ClusterLoad load,
                       Map<String, TaskDefinition> taskDefinitions, Map<UUID, Long> placementVersions) {
    }

    private final StateStore store;
    private final TaskDefinitionCache taskDefinitions;
    private final InstanceHealth health;

    ClusterLoadReader(StateStore store, TaskDefinitionCache taskDefinitions, InstanceHealth health) {
        this.store = store;
        this.taskDefinitions = taskDefinitions;
        this.health = health;
    }

    /** @param alsoNeeded revisions the caller needs besides those of the reservations (its own tasks') */
    ClusterView read(String cluster, LostHosts lostHosts, Collection<String> alsoNeeded) {
        Set<UUID> leftOut = lostHosts == LostHosts.LEFT_OUT ? health.lost() : Set.of();
        // The instances (with their placement versions) before the reservations: see ClusterView.placementVersions.
        // A host failing to answer takes no new task, whatever its row says: the row's "connected" is the last
        // heartbeat's, and a task placed on a host that is then declared lost is given up and placed again — on
        // the same host, the emptiest, for as long as its row says it is connected.
        List<ContainerInstance> instances = store.instances().stream()
                .filter(i -> i.cluster().equals(cluster) && !leftOut.contains(i.id()))
                .map(i -> health.isFailing(i.id()) ? i.silent() : i).toList();
        // What every placed task holds, not the tasks themselves: the load needs nothing else, and whole tasks of
        // a big cluster took most of a pass to read.
        List<TaskReservation> reserved = store.reservations(cluster);
        Set<String> arns = new HashSet<>(alsoNeeded);
        reserved.forEach(r -> arns.add(r.taskDefinitionArn()));
        Map<String, TaskDefinition> tds = taskDefinitions.get(arns);
        ClusterLoad load = ClusterLoadBuilder.fromReservations(instances, reserved, arn -> tds.get(arn).spec());
        Map<UUID, Long> placementVersions = new HashMap<>();
        instances.forEach(i -> placementVersions.put(i.id(), i.placementVersion()));
        return new ClusterView(instances, load, tds, placementVersions);
    }
}
