package io.berth.app.controlloop;

import com.zaxxer.hikari.HikariDataSource;
import io.berth.app.BerthContextTest;
import io.berth.app.watch.Change;
import io.berth.reconciler.loop.ReconcileKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two leases on one real PostgreSQL, as two Berths sharing a database: one leads, the other stands by; when the
 * leader's connection ends (its process killed: the server terminates the session) the leader finds out at its
 * next check and the standby takes over at its next.
 */
class LeaderLeaseTest extends BerthContextTest {

    @Autowired
    private DataSource dataSource;

    private LeaderLease lease() {
        HikariDataSource hikari = (HikariDataSource) dataSource;
        return new LeaderLease(() -> DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(),
                hikari.getPassword()), Duration.ofSeconds(5));
    }

    @Test
    void oneLeadsTheOtherStandsByAndTakesOverWhenTheLeadersConnectionEnds() {
        try (LeaderLease first = lease(); LeaderLease second = lease()) {
            assertThat(first.check()).isEqualTo(LeaderLease.State.LEADING);
            assertThat(second.check()).isEqualTo(LeaderLease.State.STANDBY);
            assertThat(first.check()).as("still holds it").isEqualTo(LeaderLease.State.LEADING);
            assertThat(second.check()).isEqualTo(LeaderLease.State.STANDBY);

            new JdbcTemplate(dataSource).queryForObject("select pg_terminate_backend(?)", Boolean.class,
                    first.backendPid());

            assertThat(first.check()).as("the leader notices").isEqualTo(LeaderLease.State.LOST);
            assertThat(first.check()).as("for good").isEqualTo(LeaderLease.State.LOST);
            // The server drops the lock as the terminated session ends (a moment later): the standby's next asks.
            assertThat(checkUntilLeading(second)).isEqualTo(LeaderLease.State.LEADING);
        }
    }

    /** A standby's checks, as its timer would make them, for at most 10 s. */
    private static LeaderLease.State checkUntilLeading(LeaderLease lease) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        LeaderLease.State state = lease.check();
        while (state == LeaderLease.State.STANDBY && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            state = lease.check();
        }
        return state;
    }

    @Test
    void closingTheLeaseFreesItAtOnce() {
        try (LeaderLease second = lease()) {
            try (LeaderLease first = lease()) {
                assertThat(first.check()).isEqualTo(LeaderLease.State.LEADING);
                assertThat(second.check()).isEqualTo(LeaderLease.State.STANDBY);
            }
            assertThat(second.check()).isEqualTo(LeaderLease.State.LEADING);
        }
    }

    @Test
    void aDatabaseThatDoesNotAnswerKeepsAStandbyWaiting() {
        try (LeaderLease lease = new LeaderLease(() -> {
            throw new java.sql.SQLException("connection refused");
        }, Duration.ofSeconds(1))) {
            assertThat(lease.check()).isEqualTo(LeaderLease.State.STANDBY);
            assertThat(lease.check()).isEqualTo(LeaderLease.State.STANDBY);
        }
    }

    @Test
    void changesMadeElsewhereWakeTheirPasses() {
        UUID service = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        UUID instance = UUID.randomUUID();
        Instant at = Instant.parse("2026-12-06T12:00:00Z");

        assertThat(ChangeLogWakeups.keysOf(new Change(1, "service", "updated", "default", "web", service.toString(), "{}", at)))
                .containsExactly(new ReconcileKey.ServiceKey(service));
        assertThat(ChangeLogWakeups.keysOf(new Change(2, "task", "created", "default", null, task.toString(), "{}", at)))
                .as("a one-off task run through another Berth").containsExactly(new ReconcileKey.TaskKey(task));
        assertThat(ChangeLogWakeups.keysOf(new Change(3, "task", "created", "default", "web", task.toString(), "{}", at)))
                .as("a service's task: its service's pass wrote it").isEmpty();
        assertThat(ChangeLogWakeups.keysOf(new Change(4, "instance", "updated", "default", null, instance.toString(), "{}", at)))
                .as("a drain: the host's pass and every service's").containsExactly(
                        new ReconcileKey.InstanceKey(instance), new ReconcileKey.Resync());
        assertThat(ChangeLogWakeups.keysOf(new Change(5, "event", "created", "default", "web", "17", "{}", at))).isEmpty();
        assertThat(ChangeLogWakeups.keysOf(new Change(6, "service", "updated", "default", "web", "not-a-uuid", "{}", at)))
                .isEmpty();
    }
}
