package io.berth.reconciler.store.jpa;

import io.berth.db.test.PostgresContainerSupport;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskReservation;
import io.berth.reconciler.model.TaskStatus;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a pass reads to rebuild the cluster's load ({@code JpaStateStore.reservations}), against a real PostgreSQL with
 * Berth's migrations: each placed task of the cluster that is not STOPPED, with its instance, service, revision and
 * reservations — not stopped tasks, not tasks without an instance, not other clusters' tasks.
 */
class ReservationRowsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");

    private static PostgreSQLContainer pg;
    private static JdbcTemplate jdbc;

    private final TaskRowsCopy copy = new TaskRowsCopy(new EntityMapping(), Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void migrate() {
        pg = PostgresContainerSupport.container();
        Flyway.configure().dataSource(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword()).load().migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword()));
    }

    @Test
    void readsWhatEachPlacedTaskThatIsNotStoppedHolds() throws SQLException {
        String cluster = seedCluster();
        String other = seedCluster();
        UUID host = seedInstance(cluster);
        UUID otherHost = seedInstance(other);
        UUID service = UUID.randomUUID();
        jdbc.update("insert into service (id, cluster, name, task_definition_ref, task_family, task_revision, "
                + "desired_count, status, spec, generation, created_at, updated_at) "
                + "values (?, ?, 'web', ?, ?, 1, 1, 'ACTIVE', '{}', 1, now(), now())", service, cluster, cluster + ":1", cluster);

        Task running = task(cluster, service, "web", host, 128, 256);
        Task oneOff = task(cluster, null, null, host, 64, 32);
        Task stopped = task(cluster, service, "web", host, 1000, 1000);
        Task notPlaced = task(cluster, service, "web", null, 1000, 1000);
        Task elsewhere = task(other, null, null, otherHost, 1000, 1000);
        try (Connection c = jdbc.getDataSource().getConnection()) {
            copy.insert(c, List.of(running, oneOff, stopped, notPlaced, elsewhere));
        }
        jdbc.update("update task set last_status = 'STOPPED' where id = ?", stopped.id());
        jdbc.update("update task set last_status = 'RUNNING' where id = ?", running.id());

        assertThat(ReservationRows.read(jdbc, cluster)).containsExactlyInAnyOrder(
                new TaskReservation(host, service, "web", cluster, 1, 128, 256),
                new TaskReservation(host, null, null, cluster, 1, 64, 32));
        assertThat(ReservationRows.read(jdbc, cluster)).containsExactlyInAnyOrder(
                TaskReservation.of(running), TaskReservation.of(oneOff));

        // One instance's rows: the same as the cluster's filtered by instance (what the instance pass recounts).
        UUID emptyHost = seedInstance(cluster);
        for (UUID instance : List.of(host, emptyHost)) {
            assertThat(ReservationRows.readOn(jdbc, cluster, instance)).containsExactlyInAnyOrderElementsOf(
                    ReservationRows.read(jdbc, cluster).stream().filter(r -> instance.equals(r.instanceId())).toList());
        }
        assertThat(ReservationRows.readOn(jdbc, cluster, host)).hasSize(2);
        assertThat(ReservationRows.readOn(jdbc, cluster, emptyHost)).isEmpty();
        assertThat(ReservationRows.readOn(jdbc, cluster, otherHost)).isEmpty(); // another cluster's host
    }

    private static String seedCluster() {
        String cluster = "reservations-" + UUID.randomUUID();
        jdbc.update("insert into cluster (name, created_at) values (?, now())", cluster);
        jdbc.update("insert into task_definition (family, revision, status, spec, spec_hash, created_at) "
                + "values (?, 1, 'ACTIVE', '{}', 'x', now())", cluster);
        return cluster;
    }

    private static UUID seedInstance(String cluster) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into container_instance (id, cluster, endpoint, status, connected, registered_cpu, "
                + "registered_memory, remaining_cpu, remaining_memory, created_at, updated_at) "
                + "values (?, ?, ?, 'ACTIVE', true, 2048, 4096, 2048, 4096, now(), now())",
                id, cluster, "unix:///sim-" + id + ".sock");
        return id;
    }

    private static Task task(String cluster, UUID service, String serviceName, UUID instance, int cpu, int memory) {
        return new Task(UUID.randomUUID(), cluster, service, serviceName, cluster, 1, instance, TaskStatus.RUNNING,
                TaskStatus.PROVISIONING, null, null, cpu, memory, List.of(TaskContainer.pending("web")), NOW, null, null);
    }
}
