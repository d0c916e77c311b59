package io.berth.bench.simcluster;

import io.berth.db.test.PostgresContainerSupport;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.store.StateStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The benchmark harness on a tiny cluster (50 tasks, 5 hosts) against the tests' PostgreSQL: it stores exactly what it
 * placed, the rows read back through the production store, and its check catches a wrong database. The big runs are
 * bench/simulated-cluster.sh's, never the build's.
 */
class SimulatedClusterHarnessTest {

    private static ConfigurableApplicationContext context;
    private static SimulatedCluster.Storage storage;

    @BeforeAll
    static void start() {
        PostgreSQLContainer pg = PostgresContainerSupport.container();
        context = SimulatedClusterBenchmark.context(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword());
        storage = SimulatedClusterBenchmark.storage(context);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static RunResult tinyRun() {
        BenchmarkOptions options = BenchmarkOptions.parse("--tasks", "50", "--hosts", "5", "--tasks-per-service", "20");
        return SimulatedClusterBenchmark.run(context, options, new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void storesExactlyWhatItPlacedAndTheStoreReadsItBack() {
        RunResult r = tinyRun();

        assertThat(r.problems()).isEmpty();
        assertThat(r.audit().tasks()).isEqualTo(50);
        assertThat(r.audit().containers()).isEqualTo(50);
        assertThat(r.audit().overCommittedHosts()).isZero();
        assertThat(r.reload().tasksRead()).isEqualTo(50);
        assertThat(r.reload().mismatches()).isZero();
        assertThat(r.options().services()).isEqualTo(3);

        // The COPY-written rows, read through the production store: each service has its tasks, PROVISIONING,
        // belonging to its PRIMARY deployment, each with its pending container.
        StateStore store = storage.store();
        List<UUID> services = storage.jdbc().queryForList("select id from service where cluster = ? order by name",
                UUID.class, r.cluster());
        assertThat(services).hasSize(3);
        int total = 0;
        for (UUID id : services) {
            ServiceState service = store.service(id).orElseThrow();
            List<Task> tasks = store.tasksOfService(id, 1);
            assertThat(tasks).hasSize(service.desiredCount());
            UUID primary = service.primary().map(Deployment::id).orElseThrow();
            assertThat(tasks).allSatisfy(t -> {
                assertThat(t.serviceName()).isEqualTo(service.name());
                assertThat(t.deploymentId()).isEqualTo(primary);
                assertThat(t.lastStatus()).isEqualTo(TaskStatus.PROVISIONING);
                assertThat(t.instanceId()).isNotNull();
                assertThat(t.containers()).extracting(TaskContainer::name).containsExactly("web");
            });
            total += tasks.size();
        }
        assertThat(total).isEqualTo(50);
    }

    @Test
    void theCheckCatchesAnOverCommittedHostAndAMissingTask() {
        RunResult r = tinyRun();
        UUID host = storage.jdbc().queryForObject(
                "select id from container_instance where cluster = ? order by hostname limit 1", UUID.class, r.cluster());
        UUID service = storage.jdbc().queryForObject("select id from service where cluster = ? limit 1", UUID.class,
                r.cluster());
        Task greedy = new Task(UUID.randomUUID(), r.cluster(), service, "greedy", r.cluster(), 1, host, TaskStatus.RUNNING,
                TaskStatus.PROVISIONING, null, null, 1_000_000, 1, List.of(), Instant.now(), null, null);
        storage.store().insertTasks(List.of(greedy));
        // One task of another service goes missing: two services are then off by one, the task total is not.
        storage.jdbc().update("delete from task where id = (select id from task where cluster = ? and service_id <> ? limit 1)",
                r.cluster(), service);

        Map<UUID, Integer> expected = storage.jdbc().query(
                "select id, desired_count from service where cluster = ?",
                rs -> {
                    Map<UUID, Integer> m = new java.util.HashMap<>();
                    while (rs.next()) {
                        m.put(rs.getObject(1, UUID.class), rs.getInt(2));
                    }
                    return m;
                }, r.cluster());
        PlacementAudit.Result audit = new PlacementAudit(storage.jdbc()).check(r.cluster(), expected, 1);

        assertThat(audit.ok()).isFalse();
        assertThat(audit.overCommittedHosts()).isEqualTo(1);
        assertThat(String.join("\n", audit.problems()))
                .contains("1 hosts over-committed")
                .contains("49 container rows, expected 50") // the greedy task has none, the deleted task had one
                .contains("services do not have their expected number of tasks")
                // stored without placeTasks: the hosts' remaining resources no longer match their tasks
                .contains("remaining CPU or memory is not registered minus their tasks' reservations");
    }

    @Test
    void aBatchWithADuplicateIdLeavesNothingBehind() {
        RunResult r = tinyRun();
        UUID host = storage.jdbc().queryForObject(
                "select id from container_instance where cluster = ? and status = 'ACTIVE' limit 1", UUID.class, r.cluster());
        UUID id = UUID.randomUUID();
        Task a = new Task(id, r.cluster(), null, null, r.cluster(), 1, host, TaskStatus.RUNNING, TaskStatus.PROVISIONING,
                null, null, 1, 1, List.of(TaskContainer.pending("web")), Instant.now(), null, null);

        assertThatThrownBy(() -> storage.store().insertTasks(List.of(a, a))).isInstanceOf(DataAccessException.class);

        assertThat(storage.jdbc().queryForObject("select count(*) from task where cluster = ?", Long.class, r.cluster()))
                .isEqualTo(50);
        assertThat(storage.jdbc().queryForObject("select count(*) from task_container where task_id = ?", Long.class, id))
                .isZero();
    }

    @Test
    void badOptionsNameTheirFlag() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--tasks", "many")).hasMessageContaining("--tasks must be a whole number");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--hosts", "0")).hasMessageContaining("--hosts must be at least 1");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--db", "slow")).hasMessageContaining("--db must be durable or fast");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--frobnicate")).hasMessageContaining("unknown option --frobnicate");
        assertThat(BenchmarkOptions.parse("--tasks", "1,000,000", "--hosts", "10_000").tasks()).isEqualTo(1_000_000);
    }
}
