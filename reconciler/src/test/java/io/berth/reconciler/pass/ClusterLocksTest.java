package io.berth.reconciler.pass;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wait for a cluster's placement lock is bounded and ends on interruption. */
class ClusterLocksTest {

    final ClusterLocks locks = new ClusterLocks(Duration.ofMillis(200));

    @Test
    void aLockHeldElsewhereFailsTheWaitAfterTheBoundNamingTheCluster() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try (ClusterLocks.Held h = locks.hold("prod")) {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatThrownBy(() -> locks.hold("prod")).isInstanceOfSatisfying(ClusterBusyException.class,
                    e -> assertThat(e.cluster()).isEqualTo("prod"))
                    .hasMessageContaining("cluster prod");
            try (ClusterLocks.Held other = locks.hold("staging")) {
                assertThat(other).as("other clusters are not held up").isNotNull();
            }
        } finally {
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        }
        try (ClusterLocks.Held again = locks.hold("prod")) {
            assertThat(again).as("free again once released").isNotNull();
        }
    }

    @Test
    void anInterruptedWaitEndsAtOnceAndKeepsTheInterruption() throws Exception {
        ClusterLocks patient = new ClusterLocks(Duration.ofHours(1));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual().start(() -> {
            try (ClusterLocks.Held h = patient.hold("prod")) {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            Thread.currentThread().interrupt(); // the pass watchdog's doing
            assertThatThrownBy(() -> patient.hold("prod")).isInstanceOf(ClusterBusyException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.interrupted()).as("the interruption is kept for the caller").isTrue();
        } finally {
            release.countDown();
            holder.join(Duration.ofSeconds(10));
        }
    }
}
