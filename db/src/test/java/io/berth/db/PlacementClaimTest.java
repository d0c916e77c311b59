package io.berth.db;

import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.TaskDefinitionId;
import io.berth.db.model.TaskEntity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Placements claim their instance with optimistic concurrency on real PostgreSQL: of passes that read the same
 * placement version and place at once, exactly one stores its task; remaining resources follow the tasks.
 */
class PlacementClaimTest extends DbTestSupport {

    @Autowired
    private PlatformTransactionManager transactionManager;

    private ContainerInstanceEntity instance(String cluster) {
        return instances.save(new ContainerInstanceEntity(cluster, "tcp://" + unique("h") + ":2376", 4096, 8192));
    }

    /** One pass: claim the instance at the version it read, then insert its task — in one transaction. */
    private boolean place(UUID instance, long readVersion, String cluster, TaskDefinitionId td, CountDownLatch start) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            await(start);
            if (instances.claimPlacement(instance, readVersion) != 1) {
                status.setRollbackOnly();
                return false;
            }
            TaskEntity task = new TaskEntity(cluster, td, 1024, 2048);
            task.setContainerInstanceId(instance);
            tasks.save(task);
            instances.recomputeRemaining(instance);
            return true;
        }));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void ofConcurrentPlacementsOnOneReadOnlyOneWins() throws Exception {
        String cluster = newCluster();
        TaskDefinitionId td = newTaskDefinition();
        ContainerInstanceEntity host = instance(cluster);
        long read = instances.findById(host.getId()).orElseThrow().getPlacementVersion();
        int passes = 4;
        CountDownLatch start = new CountDownLatch(passes);
        ExecutorService pool = Executors.newFixedThreadPool(passes);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < passes; i++) {
                results.add(pool.submit(() -> {
                    start.countDown();
                    return place(host.getId(), read, cluster, td, start);
                }));
            }
            int won = 0;
            for (Future<Boolean> r : results) {
                won += r.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }

        ContainerInstanceEntity after = instances.findById(host.getId()).orElseThrow();
        assertThat(after.getPlacementVersion()).isEqualTo(read + 1);
        assertThat(tasks.findNotStoppedByContainerInstanceId(host.getId())).hasSize(1);
        assertThat(after.getRemainingCpu()).isEqualTo(4096 - 1024);
        assertThat(after.getRemainingMemory()).isEqualTo(8192 - 2048);
    }

    @Test
    void aPassThatReadTheNewVersionPlacesAfterTheWinner() {
        String cluster = newCluster();
        TaskDefinitionId td = newTaskDefinition();
        ContainerInstanceEntity host = instance(cluster);

        assertThat(place(host.getId(), 0, cluster, td, new CountDownLatch(0))).isTrue();
        assertThat(place(host.getId(), 0, cluster, td, new CountDownLatch(0))).as("stale read").isFalse();
        assertThat(place(host.getId(), 1, cluster, td, new CountDownLatch(0))).as("fresh read").isTrue();

        ContainerInstanceEntity after = instances.findById(host.getId()).orElseThrow();
        assertThat(after.getRemainingMemory()).isEqualTo(8192 - 2 * 2048);
    }

    @Test
    void aStaleCopySavedLaterDoesNotMoveThePlacementVersionBack() {
        ContainerInstanceEntity host = instance(newCluster());
        var requiresNew = new TransactionTemplate(transactionManager);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        tx.executeWithoutResult(s -> {
            ContainerInstanceEntity mine = instances.findById(host.getId()).orElseThrow(); // placement version 0
            requiresNew.executeWithoutResult(x -> instances.claimPlacement(host.getId(), 0)); // another pass places
            mine.setHostname("renamed"); // then a heartbeat-like write of the stale copy commits
        });

        ContainerInstanceEntity after = instances.findById(host.getId()).orElseThrow();
        assertThat(after.getHostname()).isEqualTo("renamed");
        assertThat(after.getPlacementVersion()).isEqualTo(1);
    }
}
