package io.berth.reconciler.store.jpa;

import io.berth.db.test.PostgresContainerSupport;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The COPY path of {@code JpaStateStore.insertTasks} against a real PostgreSQL with Berth's migrations: the rows it
 * writes are the rows the JPA entities would have written, any text survives, and a failed batch leaves nothing.
 */
class TaskRowsCopyTest {

    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00.123456789Z");

    private static PostgreSQLContainer pg;

    private final TaskRowsCopy copy = new TaskRowsCopy(new EntityMapping(), Clock.fixed(NOW, ZoneOffset.UTC));
    private String cluster;
    private UUID instanceId;

    @BeforeAll
    static void migrate() {
        pg = PostgresContainerSupport.container();
        Flyway.configure().dataSource(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword()).load().migrate();
    }

    /** Every test its own cluster, task definition family and instance: the container is shared. */
    @BeforeEach
    void seed() throws SQLException {
        cluster = "copy-" + UUID.randomUUID();
        instanceId = UUID.randomUUID();
        try (Connection c = connect()) {
            update(c, "insert into cluster (name, created_at) values (?, now())", cluster);
            update(c, "insert into task_definition (family, revision, status, spec, spec_hash, created_at) "
                    + "values (?, 1, 'ACTIVE', '{}', 'x', now())", cluster);
            update(c, "insert into container_instance (id, cluster, endpoint, status, connected, registered_cpu, "
                    + "registered_memory, remaining_cpu, remaining_memory, created_at, updated_at) "
                    + "values (?, ?, 'unix:///sim.sock', 'ACTIVE', true, 2048, 4096, 2048, 4096, now(), now())",
                    instanceId, cluster);
        }
    }

    @Test
    void writesTheRowsTheEntitiesWouldWrite() throws SQLException {
        UUID id = UUID.randomUUID();
        Instant created = Instant.parse("2026-11-22T04:00:00.987654321Z");
        TaskContainer web = new TaskContainer("web", "d0ck3r", TaskStatus.RUNNING, 3, "exited early",
                List.of(new PortMapping(80, 32768, "tcp")));
        Task task = task(id, "svc", created, List.of(web, TaskContainer.pending("sidecar")));
        try (Connection c = connect()) {
            copy.insert(c, List.of(task));

            try (ResultSet r = query(c, "select * from task where id = ?", id)) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString("cluster")).isEqualTo(cluster);
                assertThat(r.getString("service_name")).isEqualTo("svc");
                assertThat(r.getObject("container_instance_id")).isEqualTo(instanceId);
                assertThat(r.getString("task_family")).isEqualTo(cluster);
                assertThat(r.getInt("task_revision")).isEqualTo(1);
                assertThat(r.getString("desired_status")).isEqualTo("RUNNING");
                assertThat(r.getString("last_status")).isEqualTo("PROVISIONING");
                assertThat(r.getInt("reserved_cpu")).isEqualTo(128);
                assertThat(r.getInt("reserved_memory")).isEqualTo(256);
                assertThat(r.getLong("version")).isZero();
                // PostgreSQL keeps microseconds: the stored time is the truncated one, as with the entities.
                assertThat(r.getTimestamp("created_at").toInstant()).isEqualTo(Instant.parse("2026-11-22T04:00:00.987654Z"));
                assertThat(r.getTimestamp("updated_at")).isEqualTo(r.getTimestamp("created_at"));
                assertThat(r.getObject("service_id")).isNull();
                assertThat(r.getObject("deployment_id")).isNull();
                assertThat(r.getObject("started_at")).isNull();
                assertThat(r.getObject("stop_code")).isNull();
            }
            try (ResultSet r = query(c, "select * from task_container where task_id = ? order by name", id)) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString("name")).isEqualTo("sidecar");
                assertThat(r.getString("docker_id")).isNull();
                assertThat(r.getString("last_status")).isEqualTo("PENDING");
                assertThat(r.getString("health")).isEqualTo("UNKNOWN");
                assertThat(r.getObject("exit_code")).isNull();
                assertThat(r.getString("host_ports")).isEqualTo("[]");
                assertThat(r.next()).isTrue();
                assertThat(r.getString("name")).isEqualTo("web");
                assertThat(r.getString("docker_id")).isEqualTo("d0ck3r");
                assertThat(r.getString("last_status")).isEqualTo("RUNNING");
                assertThat(r.getInt("exit_code")).isEqualTo(3);
                assertThat(r.getString("reason")).isEqualTo("exited early");
                assertThat(r.getString("host_ports")).isEqualTo("[{\"containerPort\":80,\"hostPort\":32768,\"protocol\":\"tcp\"}]");
                assertThat(r.next()).isFalse();
            }
        }
    }

    @Test
    void textWithCopyDelimitersAndNullMarkersSurvives() throws SQLException {
        String name = "tab\there\nnew line\r\\N back\\slash \\. ünïcødé ✓";
        UUID id = UUID.randomUUID();
        TaskContainer c1 = new TaskContainer("c", null, TaskStatus.PENDING, null, "reason\twith\\N", List.of());
        try (Connection c = connect()) {
            copy.insert(c, List.of(task(id, name, NOW, List.of(c1))));
            try (ResultSet r = query(c, "select t.service_name, c.reason from task t join task_container c on c.task_id = t.id "
                    + "where t.id = ?", id)) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo(name);
                assertThat(r.getString(2)).isEqualTo("reason\twith\\N");
            }
        }
    }

    @Test
    void aCreationTimeLeftOutIsTheClocksNow() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = connect()) {
            copy.insert(c, List.of(task(id, "svc", null, List.of())));
            try (ResultSet r = query(c, "select created_at from task where id = ?", id)) {
                assertThat(r.next()).isTrue();
                assertThat(r.getTimestamp(1).toInstant()).isEqualTo(Instant.parse("2026-11-22T05:00:00.123456Z"));
            }
        }
    }

    @Test
    void manyTasksStreamThroughSeveralBuffers() throws SQLException {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            tasks.add(task(UUID.randomUUID(), "svc-" + i, NOW, List.of(TaskContainer.pending("web"))));
        }
        try (Connection c = connect()) {
            copy.insert(c, tasks);
            assertThat(count(c, "select count(*) from task where cluster = ?")).isEqualTo(5_000);
            assertThat(count(c, "select count(*) from task_container tc join task t on t.id = tc.task_id where t.cluster = ?"))
                    .isEqualTo(5_000);
        }
    }

    @Test
    void aFailedBatchLeavesNothingBehindWhenItsTransactionRollsBack() throws SQLException {
        UUID id = UUID.randomUUID();
        // The second task is the first again: the primary key stops the COPY after the first row went out.
        List<Task> tasks = List.of(task(id, "a", NOW, List.of(TaskContainer.pending("web"))),
                task(id, "b", NOW, List.of(TaskContainer.pending("web"))));
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> copy.insert(c, tasks)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("task_pkey");
            c.rollback();
            c.setAutoCommit(true);
            assertThat(count(c, "select count(*) from task where cluster = ?")).isZero();
        }
    }

    @Test
    void aTaskWithoutAClusterIsRefusedBeforeAnythingIsSent() throws SQLException {
        Task good = task(UUID.randomUUID(), "a", NOW, List.of());
        Task bad = new Task(UUID.randomUUID(), null, null, "b", cluster, 1, instanceId, TaskStatus.RUNNING,
                TaskStatus.PROVISIONING, null, null, 1, 1, List.of(), NOW, null, null);
        try (Connection c = connect()) {
            assertThatThrownBy(() -> copy.insert(c, List.of(good, bad)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cluster'");
            assertThat(count(c, "select count(*) from task where cluster = ?")).isZero();
        }
    }

    private Task task(UUID id, String serviceName, Instant created, List<TaskContainer> containers) {
        return new Task(id, cluster, null, serviceName, cluster, 1, instanceId, TaskStatus.RUNNING,
                TaskStatus.PROVISIONING, null, null, 128, 256, containers, created, null, null);
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

    private long count(Connection c, String sql) throws SQLException {
        try (ResultSet r = query(c, sql, cluster)) {
            r.next();
            return r.getLong(1);
        }
    }
}
