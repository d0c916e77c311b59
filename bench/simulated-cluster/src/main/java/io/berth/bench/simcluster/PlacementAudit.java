package io.berth.bench.simcluster;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Checks, in the database and independently of the code that wrote it, what a run must have left behind: exactly the
 * expected tasks (per service, with one container row each), every task on a host, no host holding more CPU or memory
 * than it registered, every host's remaining CPU and memory equal to what its tasks leave, and no task on a host that
 * takes no new tasks.
 */
final class PlacementAudit {

    /** What was found; {@code problems} is empty when everything holds. */
    record Result(long tasks, long containers, long hostsUsed, long overCommittedHosts, List<String> problems) {

        boolean ok() {
            return problems.isEmpty();
        }
    }

    private final JdbcTemplate jdbc;

    PlacementAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param expectedByService how many tasks each service must have */
    Result check(String cluster, Map<UUID, Integer> expectedByService, int containersPerTask) {
        List<String> problems = new ArrayList<>();
        long expected = expectedByService.values().stream().mapToLong(Integer::longValue).sum();

        long tasks = count("select count(*) from task where cluster = ?", cluster);
        if (tasks != expected) {
            problems.add("%,d task rows in the database, expected %,d".formatted(tasks, expected));
        }
        long containers = count("select count(*) from task_container c join task t on t.id = c.task_id where t.cluster = ?",
                cluster);
        if (containers != expected * containersPerTask) {
            problems.add("%,d container rows, expected %,d".formatted(containers, expected * containersPerTask));
        }
        Map<UUID, Long> byService = new HashMap<>();
        jdbc.query("select service_id, count(*) from task where cluster = ? group by service_id",
                rs -> {
                    byService.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }, cluster);
        long wrongServices = expectedByService.entrySet().stream()
                .filter(e -> byService.getOrDefault(e.getKey(), 0L) != e.getValue().longValue()).count()
                + byService.keySet().stream().filter(k -> !expectedByService.containsKey(k)).count();
        if (wrongServices > 0) {
            problems.add(wrongServices + " services do not have their expected number of tasks");
        }
        long unplaced = count("select count(*) from task where cluster = ? and container_instance_id is null", cluster);
        if (unplaced > 0) {
            problems.add("%,d tasks have no host".formatted(unplaced));
        }
        long onClosedHosts = count("select count(*) from task t join container_instance i on i.id = t.container_instance_id"
                + " where t.cluster = ? and (i.status <> 'ACTIVE' or not i.connected)", cluster);
        if (onClosedHosts > 0) {
            problems.add("%,d tasks on hosts that are not ACTIVE and connected".formatted(onClosedHosts));
        }
        List<String> overCommitted = jdbc.query("""
                select i.hostname, i.registered_cpu, i.registered_memory, sum(t.reserved_cpu), sum(t.reserved_memory)
                  from container_instance i join task t on t.container_instance_id = i.id
                 where i.cluster = ? and t.last_status <> 'STOPPED'
                 group by i.id, i.hostname, i.registered_cpu, i.registered_memory
                having sum(t.reserved_cpu) > i.registered_cpu or sum(t.reserved_memory) > i.registered_memory
                 order by i.hostname""",
                (rs, n) -> "%s holds %d/%d CPU units and %d/%d MiB".formatted(rs.getString(1), rs.getLong(4), rs.getInt(2),
                        rs.getLong(5), rs.getInt(3)), cluster);
        if (!overCommitted.isEmpty()) {
            problems.add("%d hosts over-committed, e.g. %s".formatted(overCommitted.size(),
                    String.join("; ", overCommitted.subList(0, Math.min(3, overCommitted.size())))));
        }
        // placeTasks keeps each host's remaining CPU and memory in step with the tasks stored there
        long staleRemaining = count("""
                select count(*) from container_instance i
                  left join (select container_instance_id, sum(reserved_cpu) cpu, sum(reserved_memory) mem from task
                              where last_status <> 'STOPPED' group by 1) u on u.container_instance_id = i.id
                 where i.cluster = ? and (i.remaining_cpu <> i.registered_cpu - coalesce(u.cpu, 0)
                    or i.remaining_memory <> i.registered_memory - coalesce(u.mem, 0))""", cluster);
        if (staleRemaining > 0) {
            problems.add("%,d hosts whose remaining CPU or memory is not registered minus their tasks' reservations"
                    .formatted(staleRemaining));
        }
        long hostsUsed = count("select count(distinct container_instance_id) from task where cluster = ?", cluster);
        return new Result(tasks, containers, hostsUsed, overCommitted.size(), problems);
    }

    private long count(String sql, String cluster) {
        Long n = jdbc.queryForObject(sql, Long.class, cluster);
        return n == null ? 0 : n;
    }
}
