package io.berth.app.api;

import io.berth.reconciler.desiredstate.ContainerInstanceWrite;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import io.berth.db.model.ClusterEntity;
import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.InstanceStatus;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.docker.EngineInfo;
import io.berth.reconciler.store.StateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Every writer of a container-instance row other than the placement claim, caught between its read and its write by
 * another writer, deterministically: the test holds the row's lock, lets the writer read and block on its UPDATE, then
 * commits a write of its own. A heartbeat-like write (it moves {@code version}) makes the blocked UPDATE find the
 * version moved: the writer must read again and retry rather than fail. A claim-like write ({@code remaining_*} by SQL,
 * version untouched) must not be undone by the writer's save.
 */
class InstanceRowWritersApiTest extends ApiTestSupport {

    private static final String HEARTBEAT = "update container_instance set version = version + 1, last_seen = now() "
            + "where id = ?";
    private static final String CLAIM = "update container_instance set placement_version = placement_version + 1, "
            + "remaining_cpu = remaining_cpu - 512, remaining_memory = remaining_memory - 1024 where id = ?";

    @Autowired
    private ContainerInstanceRepository instances;
    @Autowired
    private DesiredStateWrites writes;
    @Autowired
    private StateStore store;
    @Autowired
    private DataSource dataSource;

    private String cluster;
    private ContainerInstanceEntity host;

    @BeforeEach
    void oneInstance() {
        cluster = unique("rows");
        clusters.save(new ClusterEntity(cluster));
        host = new ContainerInstanceEntity(cluster, "tcp://198.18.0.252:2376", 2048, 4096);
        host.setConnected(true);
        host = instances.save(host);
    }

    @Test
    void settingTheStatusRetriesAfterAHeartbeatMovedTheVersion() throws Exception {
        int answer = collideWith(HEARTBEAT, () -> mvc.perform(put("/v1/clusters/{c}/container-instances/{id}/status",
                        cluster, host.getId()).header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"DRAINING\"}")).andReturn().getResponse().getStatus());

        assertThat(answer).isEqualTo(200);
        assertThat(row().getStatus()).isEqualTo(InstanceStatus.DRAINING);
    }

    @Test
    void deregisteringRetriesAfterAHeartbeatMovedTheVersion() throws Exception {
        int answer = collideWith(HEARTBEAT, () -> mvc.perform(delete("/v1/clusters/{c}/container-instances/{id}",
                cluster, host.getId()).header("Authorization", BEARER)).andReturn().getResponse().getStatus());

        assertThat(answer).isBetween(200, 299);
        assertThat(row().getStatus()).isEqualTo(InstanceStatus.INACTIVE);
    }

    @Test
    void registeringAgainRetriesAfterAHeartbeatMovedTheVersion() throws Exception {
        EngineInfo info = new EngineInfo("E-rows", "rows-host", 4, 8L << 30, "20.10.24", "1.41", "linux", "x86_64");

        UUID saved = collideWith(HEARTBEAT, () -> writes.applyContainerInstance(new ContainerInstanceWrite(cluster,
                host.getEndpoint(), null, info, Map.of("zone", "b"), null, null, null)));

        assertThat(saved).isEqualTo(host.getId());
        assertThat(row().getHostname()).isEqualTo("rows-host");
        assertThat(row().getAttributes()).contains("\"zone\":\"b\"");
    }

    @Test
    void aRefreshKeepsTheCustomAttributesAUserWroteBetweenItsReadAndItsWrite() throws Exception {
        EngineInfo info = new EngineInfo("E-rows", "rows-host", 4, 8L << 30, "20.10.24", "1.41", "linux", "x86_64");

        collideWith("update container_instance set version = version + 1, attributes = '{\"zone\":\"c\"}' "
                + "where id = ?", () -> writes.refreshContainerInstance(cluster, host.getEndpoint(), null, info));

        assertThat(row().getAttributes()).as("the user's zone, read in the transaction that writes")
                .contains("\"zone\":\"c\"").contains("\"berth.hostname\":\"rows-host\"");
    }

    @Test
    void twoRegistrationsOfOneNewEndpointAtOnceEndOnOneRow() throws Exception {
        String endpoint = "tcp://198.18.0.251:2376";
        UUID first = UUID.randomUUID();
        EngineInfo info = new EngineInfo("E-new", "new-host", 2, 4L << 30, "20.10.24", "1.41", "linux", "x86_64");
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("insert into container_instance (id, cluster, "
                    + "endpoint, status, connected, registered_cpu, registered_memory, remaining_cpu, remaining_memory, "
                    + "attributes, created_at, updated_at) values (?, ?, ?, 'ACTIVE', false, 2048, 4096, 2048, 4096, "
                    + "'{}', now(), now())")) {
                insert.setObject(1, first);
                insert.setString(2, cluster);
                insert.setString(3, endpoint);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            // The other registration has created the row but not committed: this one cannot see it yet.
            CompletableFuture<UUID> second = CompletableFuture.supplyAsync(() -> writes.applyContainerInstance(
                    new ContainerInstanceWrite(cluster, endpoint, null, info, Map.of("zone", "b"), null, null, null)));
            awaitWaitingForTheRow(second);
            other.commit();

            UUID saved = second.get(60, TimeUnit.SECONDS);

            assertThat(saved).isEqualTo(first);
            assertThat(instances.findByClusterOrderByCreatedAt(cluster)).filteredOn(i -> i.getEndpoint().equals(endpoint))
                    .singleElement().satisfies(i -> {
                        assertThat(i.getHostname()).isEqualTo("new-host");
                        assertThat(i.getAttributes()).contains("\"zone\":\"b\"");
                        assertThat(i.getRemainingCpu()).isEqualTo(2048);
                    });
        }
    }

    @Test
    void theInstancePassRecordingContactRetriesAfterAUsersWriteMovedTheVersion() throws Exception {
        Instant seen = Instant.parse("2026-11-22T12:00:00Z");

        collideWith("update container_instance set version = version + 1, status = 'DRAINING' where id = ?", () -> {
            store.recordInstanceContact(host.getId(), false, seen);
            return null;
        });

        assertThat(row().isConnected()).isFalse();
        assertThat(row().getStatus()).as("the user's write is kept").isEqualTo(InstanceStatus.DRAINING);
    }

    @Test
    void aStatusWriteDoesNotPutBackTheRemainingResourcesAPlacementTookMeanwhile() throws Exception {
        collideWith(CLAIM, () -> mvc.perform(put("/v1/clusters/{c}/container-instances/{id}/status", cluster,
                        host.getId()).header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"DRAINING\"}")).andReturn().getResponse().getStatus());

        assertThat(row().getStatus()).isEqualTo(InstanceStatus.DRAINING);
        assertThat(row().getRemainingCpu()).isEqualTo(2048 - 512);
        assertThat(row().getRemainingMemory()).isEqualTo(4096 - 1024);
    }

    @Test
    void aHeartbeatDoesNotPutBackTheRemainingResourcesAPlacementTookMeanwhile() throws Exception {
        collideWith(CLAIM, () -> {
            store.recordInstanceContact(host.getId(), true, Instant.parse("2026-11-22T12:00:00Z"));
            return null;
        });

        assertThat(row().getRemainingCpu()).isEqualTo(2048 - 512);
    }

    @Test
    void theInstancePassDoesNotPutBackRemainingResourcesSummedBeforeAPlacement() {
        long read = store.instance(host.getId()).orElseThrow().placementVersion(); // then it sums the reservations
        new JdbcTemplate(dataSource).update(CLAIM, host.getId());                    // a placement commits meanwhile

        store.recordInstanceRemaining(host.getId(), read, 2048, 4096, Instant.now());

        assertThat(row().getRemainingCpu()).isEqualTo(2048 - 512);
        store.recordInstanceRemaining(host.getId(), read + 1, 1024, 2048, Instant.now()); // a pass that read after it
        assertThat(row().getRemainingCpu()).isEqualTo(1024);
        assertThat(row().getRemainingMemory()).isEqualTo(2048);
    }

    @Test
    void aStoppingTaskRecountsWithTheTasksOfAPlacementThatCommittedWhileItWaited() throws Exception {
        String family = unique("rows");
        applyYaml("""
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata:
                  name: %s
                spec:
                  containers:
                    - name: main
                      image: busybox:1.36
                      memory: 64
                """.formatted(family)).andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers
                .status().isOk());
        UUID stopping = insertTask(new JdbcTemplate(dataSource)::update, family, 256);

        collideWith(List.of("update container_instance set placement_version = placement_version + 1, "
                        + "remaining_cpu = remaining_cpu - 512 where id = ?",
                "insert into task (id, cluster, task_family, task_revision, container_instance_id, desired_status, "
                        + "last_status, reserved_cpu, reserved_memory, created_at, updated_at) values ('"
                        + UUID.randomUUID() + "', '" + cluster + "', '" + family + "', 1, ?, 'RUNNING', "
                        + "'PROVISIONING', 512, 64, now(), now())"), () -> {
            store.markStopped(stopping, io.berth.reconciler.model.StopCode.EssentialContainerExited, "done", List.of(),
                    Instant.now());
            return null;
        });

        assertThat(row().getRemainingCpu()).as("the placed task's 512 taken, the stopped one's 256 freed")
                .isEqualTo(2048 - 512);
    }

    /** A task of {@code family} on the instance, RUNNING, reserving {@code cpu}. */
    private UUID insertTask(java.util.function.BiFunction<String, Object[], Integer> update, String family, int cpu) {
        UUID id = UUID.randomUUID();
        update.apply("insert into task (id, cluster, task_family, task_revision, container_instance_id, desired_status, "
                + "last_status, reserved_cpu, reserved_memory, created_at, updated_at) values (?, ?, ?, 1, ?, 'RUNNING', "
                + "'RUNNING', ?, 64, now(), now())", new Object[]{id, cluster, family, host.getId(), cpu});
        return id;
    }

    private ContainerInstanceEntity row() {
        return instances.findById(host.getId()).orElseThrow();
    }

    /**
     * Runs {@code writer} while the test holds the row's lock; once the writer waits for the lock on its UPDATE (it
     * has read the row), commits {@code sql} as another writer would, then lets the writer finish.
     */
    private <T> T collideWith(String sql, Callable<T> writer) throws Exception {
        return collideWith(List.of(sql), writer);
    }

    /** As above, with several statements of the other writer (each takes the instance's id as its one parameter). */
    private <T> T collideWith(List<String> statements, Callable<T> writer) throws Exception {
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("select id from container_instance where id = ? for update")) {
                lock.setObject(1, host.getId());
                lock.executeQuery().close();
            }
            CompletableFuture<T> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return writer.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitWaitingForTheRow(result);
            for (String sql : statements) {
                try (PreparedStatement write = other.prepareStatement(sql)) {
                    write.setObject(1, host.getId());
                    assertThat(write.executeUpdate()).isEqualTo(1);
                }
            }
            other.commit();
            return result.get(60, TimeUnit.SECONDS);
        }
    }

    /** The writer has read the row and waits for its lock (bounded: it fails rather than hang). */
    private void awaitWaitingForTheRow(CompletableFuture<?> writer) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                + "and query ilike '%container_instance%'", Integer.class) == 0) {
            if (writer.isDone()) {
                throw new AssertionError("the writer finished without waiting for the row: " + writer.join());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the writer never reached its UPDATE of the row");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
