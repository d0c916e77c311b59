package io.berth.reconciler.store.jpa;

import io.berth.reconciler.model.Task;
import io.berth.reconciler.store.PlacementConflictException;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The instance side of a placement, set-based: after locking the target instances, one statement claims all of them
 * (optimistic concurrency on {@code placement_version}) and takes what the new tasks reserve off their remaining CPU
 * and memory — however many instances a pass places on. Before, one UPDATE per instance claimed it and another
 * recomputed its remaining resources by summing all its tasks: a launch of 1,000 tasks over 1,000 hosts made 2,000
 * statements, and the sums grew with every task already placed.
 *
 * <p>Subtracting is exact because the claim holds the instance's row lock until the transaction ends: no other
 * placement changes it meanwhile, and whatever frees a reservation (a task stopping) recomputes the row from the
 * tasks again ({@code ContainerInstanceRepository.recomputeRemaining}), as the instance pass does periodically.
 *
 * <p>Runs on the caller's connection, inside the caller's transaction (with the task rows): a conflict throws and the
 * caller's rollback takes everything back. Rows are locked in id order first, so two passes placing on overlapping
 * instances queue instead of deadlocking.
 */
final class PlacementClaims {

    private static final String LOCK = "select id from container_instance where id = any(?) order by id for update";
    private static final String CLAIM = "update container_instance ci set placement_version = ci.placement_version + 1, "
            + "remaining_cpu = ci.remaining_cpu - c.cpu, remaining_memory = ci.remaining_memory - c.memory "
            + "from unnest(?::uuid[], ?::bigint[], ?::int[], ?::int[]) as c(id, expected, cpu, memory) "
            + "where ci.id = c.id and ci.placement_version = c.expected returning ci.id";

    private PlacementClaims() {
    }

    /**
     * Claims every instance the tasks go to at the placement version the pass read, and reserves the tasks' CPU and
     * memory there.
     *
     * @throws PlacementConflictException naming the first target (in id order) whose version moved on, or that the
     *                                    pass did not read at all
     */
    static void claim(Connection connection, List<Task> tasks, Map<UUID, Long> placementVersions) throws SQLException {
        Map<UUID, int[]> reserved = new TreeMap<>(); // id order: the lock order
        for (Task t : tasks) {
            int[] r = reserved.computeIfAbsent(t.instanceId(), id -> new int[2]);
            r[0] += t.reservedCpu();
            r[1] += t.reservedMemory();
        }
        UUID[] ids = reserved.keySet().toArray(new UUID[0]);
        Long[] expected = new Long[ids.length];
        Integer[] cpu = new Integer[ids.length];
        Integer[] memory = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) {
            expected[i] = placementVersions.get(ids[i]);
            if (expected[i] == null) {
                throw new PlacementConflictException(ids[i]);
            }
            cpu[i] = reserved.get(ids[i])[0];
            memory[i] = reserved.get(ids[i])[1];
        }
        Array idArray = connection.createArrayOf("uuid", ids);
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setArray(1, idArray);
            lock.executeQuery().close();
        }
        Set<UUID> claimed = new HashSet<>();
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setArray(1, idArray);
            claim.setArray(2, connection.createArrayOf("bigint", expected));
            claim.setArray(3, connection.createArrayOf("integer", cpu));
            claim.setArray(4, connection.createArrayOf("integer", memory));
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.add(rows.getObject(1, UUID.class));
                }
            }
        }
        for (UUID id : ids) {
            if (!claimed.contains(id)) {
                throw new PlacementConflictException(id); // rolls the whole placement back
            }
        }
    }
}
