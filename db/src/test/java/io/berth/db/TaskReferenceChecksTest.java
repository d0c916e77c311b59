package io.berth.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V14 replaced the five per-row foreign keys of {@code task} (cluster, service, deployment, task definition,
 * container instance) with statement-level checks over the new rows, and the per-row change-log trigger for new
 * tasks with one INSERT ... SELECT per statement. What the foreign keys guaranteed must still hold, in both
 * directions and under concurrency; this proves it on real PostgreSQL, in plain SQL (as COPY and JPA both reach it).
 */
class TaskReferenceChecksTest extends DbTestSupport {

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private DataSource dataSource;

    /** A cluster, a task definition, a service with a deployment, and a host: everything a task refers to. */
    private record Refs(String cluster, String family, UUID service, UUID deployment, UUID instance) {
    }

    private Refs refs() {
        String cluster = newCluster();
        String family = newTaskDefinition().family();
        UUID service = UUID.randomUUID();
        UUID deployment = UUID.randomUUID();
        UUID instance = UUID.randomUUID();
        jdbc.update("insert into service (id, cluster, name, task_definition_ref, task_family, task_revision, "
                + "desired_count, status, spec, generation, created_at, updated_at) "
                + "values (?, ?, 'web', ?, ?, 1, 1, 'ACTIVE', '{}', 1, now(), now())",
                service, cluster, family + ":1", family);
        jdbc.update("insert into deployment (id, service_id, task_family, task_revision, status, rollout_state, trigger, "
                + "desired_count, created_at, updated_at) values (?, ?, ?, 1, 'PRIMARY', 'IN_PROGRESS', 'APPLY', 1, now(), now())",
                deployment, service, family);
        jdbc.update("insert into container_instance (id, cluster, endpoint, status, connected, registered_cpu, "
                + "registered_memory, remaining_cpu, remaining_memory, created_at, updated_at) "
                + "values (?, ?, ?, 'ACTIVE', true, 1024, 1024, 1024, 1024, now(), now())",
                instance, cluster, "tcp://" + unique("h") + ":2376");
        return new Refs(cluster, family, service, deployment, instance);
    }

    /** Inserts {@code count} tasks in one statement, the last of which may refer elsewhere ({@code last}). */
    private List<UUID> insertTasks(Refs refs, int count, Refs last) {
        List<UUID> ids = java.util.stream.IntStream.range(0, count).mapToObj(i -> UUID.randomUUID()).toList();
        StringBuilder sql = new StringBuilder("insert into task (id, cluster, service_id, service_name, task_family, "
                + "task_revision, container_instance_id, deployment_id, desired_status, last_status, reserved_cpu, "
                + "reserved_memory, created_at, updated_at) values ");
        Object[] args = new Object[count * 6];
        for (int i = 0; i < count; i++) {
            Refs r = i == count - 1 ? last : refs;
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, 'web', ?, 1, ?, ?, 'RUNNING', 'PROVISIONING', 1, 1, now(), now())");
            System.arraycopy(new Object[]{ids.get(i), r.cluster(), r.service(), r.family(), r.instance(), r.deployment()},
                    0, args, i * 6, 6);
        }
        jdbc.update(sql.toString(), args);
        return ids;
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    @Test
    void tasksReferringToExistingRowsAreStoredWithOneChangeLogRowEach() {
        Refs refs = refs();
        List<UUID> ids = insertTasks(refs, 50, refs);
        assertThat(count("select count(*) from task where cluster = ?", refs.cluster())).isEqualTo(50);
        // Same rows as the per-row trigger wrote: one 'created' per task, in insert order, with the full payload.
        List<String> logged = jdbc.queryForList("select object_id from change_log where kind = 'task' and op = 'created' "
                + "and cluster = ? order by id", String.class, refs.cluster());
        assertThat(logged).containsExactlyElementsOf(ids.stream().map(UUID::toString).toList());
        String payload = jdbc.queryForObject("select payload from change_log where object_id = ?", String.class,
                ids.getFirst().toString());
        assertThat(payload).contains("\"service\": \"web\"", "\"lastStatus\": \"PROVISIONING\"",
                "\"healthStatus\": \"UNKNOWN\"", "\"taskDefinition\": \"" + refs.family() + ":1\"",
                "\"containerInstanceId\": \"" + refs.instance() + "\"", "\"deploymentId\": \"" + refs.deployment() + "\"");
    }

    @Test
    void oneMissingReferenceAmongManyRowsRejectsTheWholeStatementNamingTheConstraint() {
        Refs refs = refs();
        record Case(Refs last, String constraint) {
        }
        List<Case> cases = List.of(
                new Case(new Refs("no-such-cluster", refs.family(), refs.service(), refs.deployment(), refs.instance()),
                        "task_cluster_fkey"),
                new Case(new Refs(refs.cluster(), refs.family(), UUID.randomUUID(), refs.deployment(), refs.instance()),
                        "task_service_id_fkey"),
                new Case(new Refs(refs.cluster(), refs.family(), refs.service(), UUID.randomUUID(), refs.instance()),
                        "task_deployment_id_fkey"),
                new Case(new Refs(refs.cluster(), "no-such-family", refs.service(), refs.deployment(), refs.instance()),
                        "task_definition_fk"),
                new Case(new Refs(refs.cluster(), refs.family(), refs.service(), refs.deployment(), UUID.randomUUID()),
                        "task_container_instance_id_fkey"));
        for (Case c : cases) {
            assertThatThrownBy(() -> insertTasks(refs, 20, c.last()))
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining(c.constraint());
        }
        assertThat(count("select count(*) from task where cluster = ?", refs.cluster())).isZero();
        assertThat(count("select count(*) from change_log where kind = 'task' and cluster = ?", refs.cluster())).isZero();
    }

    @Test
    void nullServiceDeploymentAndInstanceAreAllowedAsBefore() {
        Refs refs = refs();
        Refs standalone = new Refs(refs.cluster(), refs.family(), null, null, null);
        insertTasks(standalone, 1, standalone);
        assertThat(count("select count(*) from task where cluster = ? and service_id is null", refs.cluster())).isEqualTo(1);
    }

    @Test
    void anUpdateToAMissingReferenceIsRejectedAndStatusUpdatesPass() {
        Refs refs = refs();
        UUID id = insertTasks(refs, 1, refs).getFirst();
        jdbc.update("update task set last_status = 'RUNNING' where id = ?", id);
        assertThatThrownBy(() -> jdbc.update("update task set container_instance_id = ? where id = ?", UUID.randomUUID(), id))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("task_container_instance_id_fkey");
        assertThatThrownBy(() -> jdbc.update("update task set service_id = ? where id = ?", UUID.randomUUID(), id))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("task_service_id_fkey");
        assertThat(jdbc.queryForObject("select container_instance_id from task where id = ?", UUID.class, id))
                .isEqualTo(refs.instance());
    }

    @Test
    void deletingAServiceOrDeploymentNullsTheTasksReference() {
        Refs refs = refs();
        UUID id = insertTasks(refs, 1, refs).getFirst();
        jdbc.update("delete from deployment where id = ?", refs.deployment());
        assertThat(jdbc.queryForObject("select deployment_id from task where id = ?", UUID.class, id)).isNull();
        assertThat(jdbc.queryForObject("select service_id from task where id = ?", UUID.class, id)).isEqualTo(refs.service());
        jdbc.update("delete from service where id = ?", refs.service());
        assertThat(jdbc.queryForObject("select service_id from task where id = ?", UUID.class, id)).isNull();
    }

    @Test
    void deletingAReferencedClusterTaskDefinitionOrInstanceFailsAndAnUnreferencedOneGoes() {
        Refs refs = refs();
        insertTasks(refs, 1, refs);
        assertThatThrownBy(() -> jdbc.update("delete from container_instance where id = ?", refs.instance()))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("task_container_instance_id_fkey");
        assertThatThrownBy(() -> jdbc.update("delete from task_definition where family = ?", refs.family()))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("task_definition_fk");
        // A cluster that only a (standalone) task refers to: no other table's foreign key answers first.
        Refs onlyTask = new Refs(newCluster(), refs.family(), null, null, null);
        insertTasks(onlyTask, 1, onlyTask);
        assertThatThrownBy(() -> jdbc.update("update cluster set name = ? where name = ?", unique("renamed"), onlyTask.cluster()))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("task_cluster_fkey");
        assertThatThrownBy(() -> jdbc.update("delete from cluster where name = ?", onlyTask.cluster()))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("task_cluster_fkey");
        assertThat(count("select count(*) from container_instance where id = ?", refs.instance())).isEqualTo(1);

        Refs unused = refs();
        jdbc.update("delete from container_instance where id = ?", unused.instance());
        assertThat(count("select count(*) from container_instance where id = ?", unused.instance())).isZero();
        jdbc.update("delete from task where cluster = ?", refs.cluster());
        jdbc.update("delete from container_instance where id = ?", refs.instance()); // no task left: allowed
    }

    @Test
    void anInsertShareLocksWhatItRefersToUntilItCommits() throws SQLException {
        Refs refs = refs();
        try (Connection inserter = dataSource.getConnection(); Connection deleter = dataSource.getConnection()) {
            inserter.setAutoCommit(false);
            try (Statement s = inserter.createStatement()) {
                s.execute("insert into task (id, cluster, service_id, task_family, task_revision, container_instance_id, "
                        + "desired_status, last_status, reserved_cpu, reserved_memory, created_at, updated_at) values ('"
                        + UUID.randomUUID() + "', '" + refs.cluster() + "', '" + refs.service() + "', '" + refs.family()
                        + "', 1, '" + refs.instance() + "', 'RUNNING', 'PROVISIONING', 1, 1, now(), now())");
            }
            // The instance cannot be deleted (nor the service) while the insert is open: the delete waits for the
            // lock, as with a foreign key, instead of deleting a row the uncommitted task refers to.
            deleter.setAutoCommit(false);
            try (Statement s = deleter.createStatement()) {
                s.execute("set local lock_timeout = '200ms'");
                assertThatThrownBy(() -> s.execute("delete from container_instance where id = '" + refs.instance() + "'"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("lock timeout");
            }
            deleter.rollback();
            inserter.commit();
        }
    }

    @Test
    void anInsertWaitsForAnUncommittedDeleteOfWhatItRefersToAndThenFails() throws SQLException {
        Refs refs = refs();
        try (Connection deleter = dataSource.getConnection(); Connection inserter = dataSource.getConnection()) {
            deleter.setAutoCommit(false);
            try (Statement s = deleter.createStatement()) {
                s.execute("delete from container_instance where id = '" + refs.instance() + "'");
            }
            inserter.setAutoCommit(false);
            try (Statement s = inserter.createStatement()) {
                s.execute("set local lock_timeout = '200ms'");
                assertThatThrownBy(() -> s.execute("insert into task (id, cluster, task_family, task_revision, "
                        + "container_instance_id, desired_status, last_status, reserved_cpu, reserved_memory, created_at, "
                        + "updated_at) values ('" + UUID.randomUUID() + "', '" + refs.cluster() + "', '" + refs.family()
                        + "', 1, '" + refs.instance() + "', 'RUNNING', 'PROVISIONING', 1, 1, now(), now())"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("lock timeout");
            }
            inserter.rollback();
            deleter.commit();
        }
        // Committed: the instance is gone, and a task referring to it is refused.
        assertThatThrownBy(() -> insertTasks(refs, 1, refs)).isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("task_container_instance_id_fkey");
    }
}
