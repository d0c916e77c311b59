package io.berth.reconciler.store.jpa;

import io.berth.db.test.PostgresContainerSupport;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.store.PlacementConflictException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The set-based instance side of {@code JpaStateStore.placeTasks} against a real PostgreSQL with Berth's migrations:
 * one statement claims all target instances at the versions read and takes the new tasks' reservations off their
 * remaining CPU and memory (once per instance, summed over its tasks); a version that moved on (or was never read) is
 * a conflict naming that instance and, rolled back, leaves nothing changed.
 */
class PlacementClaimsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");

    private static PostgreSQLContainer pg;

    private String cluster;
    private final List<UUID> hosts = new ArrayList<>();

    @BeforeAll
    static void migrate() {
        pg = PostgresContainerSupport.container();
        Flyway.configure().dataSource(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword()).load().migrate();
    }

    @BeforeEach
    void seed() throws SQLException {
        cluster = "claims-" + UUID.randomUUID();
        hosts.clear();
        try (Connection c = connect()) {
            update(c, "insert into cluster (name, created_at) values (?, now())", cluster);
            update(c, "insert into task_definition (family, revision, status, spec, spec_hash, created_at) "
                    + "values (?, 1, 'ACTIVE', '{}', 'x', now())", cluster);
            for (int i = 0; i < 3; i++) {
                UUID id = UUID.randomUUID();
                hosts.add(id);
                update(c, "insert into container_instance (id, cluster, endpoint, status, connected, registered_cpu, "
                        + "registered_memory, remaining_cpu, remaining_memory, created_at, updated_at) "
                        + "values (?, ?, ?, 'ACTIVE', true, 2048, 4096, 2048, 4096, now(), now())",
                        id, cluster, "unix:///sim-" + id + ".sock");
            }
        }
    }

    @Test
    void claimsEveryTargetOnceAndTakesWhatItsNewTasksReserveOffItsRemaining() throws SQLException {
        try (Connection c = connect()) {
            update(c, "update container_instance set remaining_cpu = 1000, remaining_memory = 3000 where id = ?",
                    hosts.get(0)); // holds earlier tasks
            List<Task> placed = List.of(task(hosts.get(0)), task(hosts.get(1)), task(hosts.get(1)));

            PlacementClaims.claim(c, placed, versions(c));

            assertThat(version(c, hosts.get(0))).isEqualTo(1);
            assertThat(version(c, hosts.get(1))).as("claimed once however many tasks go there").isEqualTo(1);
            assertThat(version(c, hosts.get(2))).as("not a target").isZero();
            assertThat(remaining(c, hosts.get(0))).containsExactly(1000 - 100, 3000 - 200);
            assertThat(remaining(c, hosts.get(1))).containsExactly(2048 - 2 * 100, 4096 - 2 * 200);
            assertThat(remaining(c, hosts.get(2))).containsExactly(2048, 4096);
        }
    }

    @Test
    void aVersionThatMovedOnIsAConflictNamingItsInstanceAndTheRollbackKeepsEverything() throws SQLException {
        try (Connection c = connect()) {
            Map<UUID, Long> read = versions(c);
            update(c, "update container_instance set placement_version = placement_version + 1 where id = ?",
                    hosts.get(1)); // another pass placed on host 1 meanwhile
            c.setAutoCommit(false);
            List<Task> placed = List.of(task(hosts.get(0)), task(hosts.get(1)));
            assertThatThrownBy(() -> PlacementClaims.claim(c, placed, read))
                    .isInstanceOf(PlacementConflictException.class).hasMessageContaining(hosts.get(1).toString());
            c.rollback();
            c.setAutoCommit(true);
            assertThat(version(c, hosts.get(0))).as("its claim went with the rollback").isZero();
            assertThat(remaining(c, hosts.get(0))).containsExactly(2048, 4096);
            assertThat(version(c, hosts.get(1))).isEqualTo(1);
        }
    }

    @Test
    void aTargetWhoseVersionWasNeverReadIsAConflict() throws SQLException {
        try (Connection c = connect()) {
            Map<UUID, Long> read = versions(c);
            read.remove(hosts.get(2));
            assertThatThrownBy(() -> PlacementClaims.claim(c, List.of(task(hosts.get(2))), read))
                    .isInstanceOf(PlacementConflictException.class).hasMessageContaining(hosts.get(2).toString());
            assertThat(version(c, hosts.get(2))).isZero();
        }
    }

    private Task task(UUID instance) {
        return new Task(UUID.randomUUID(), cluster, null, "svc", cluster, 1, instance, TaskStatus.RUNNING,
                TaskStatus.PROVISIONING, null, null, 100, 200, List.of(TaskContainer.pending("web")), NOW, null, null);
    }

    private Map<UUID, Long> versions(Connection c) throws SQLException {
        Map<UUID, Long> result = new HashMap<>();
        for (UUID h : hosts) {
            result.put(h, version(c, h));
        }
        return result;
    }

    private static long version(Connection c, UUID host) throws SQLException {
        try (ResultSet r = query(c, "select placement_version from container_instance where id = ?", host)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static List<Integer> remaining(Connection c, UUID host) throws SQLException {
        try (ResultSet r = query(c, "select remaining_cpu, remaining_memory from container_instance where id = ?", host)) {
            r.next();
            return List.of(r.getInt(1), r.getInt(2));
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword());
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    private static ResultSet query(Connection c, String sql, Object arg) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.setObject(1, arg);
        s.closeOnCompletion();
        return s.executeQuery();
    }
}
