package io.berth.app.controlloop;

import io.berth.app.BerthContextTest;
import io.berth.app.controlloop.LeaseRenewal.Action;
import io.berth.app.controlloop.LeaseRenewal.Role;
import io.berth.app.watch.Change;
import io.berth.reconciler.loop.ReconcileKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two leases on one real PostgreSQL, as two Berths sharing a database: one leads, the other stands by; when the
 * leader's connection ends the leader retries within its renew deadline — it takes the lease back if no one else
 * took it meanwhile, and steps down (standing by, never exiting) if someone did or the deadline passed.
 */
class LeaderLeaseTest extends BerthContextTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @Autowired
    private DataSource dataSource;

    /** Virtual time for the renew deadline; the database is real. */
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private LeaderLease lease() {
        return lease(LeaseConnections.of(dataSource, DEADLINE));
    }

    private LeaderLease lease(LeaderLease.ConnectionSource source) {
        return new LeaderLease(source, Duration.ofSeconds(5), DEADLINE, clock);
    }

    private void terminateBackendOf(LeaderLease lease) {
        assertThat(new JdbcTemplate(dataSource).queryForObject("select pg_terminate_backend(?)", Boolean.class,
                lease.backendPid())).isTrue();
    }

    @Test
    void oneLeadsTheOtherStandsByAndTakesOverWhenTheLeadersConnectionEnds() {
        try (LeaderLease first = lease(); LeaderLease second = lease()) {
            assertThat(first.check().action()).isEqualTo(Action.LEAD);
            assertThat(second.check().next().role()).isEqualTo(Role.STANDBY);
            assertThat(first.check().next().role()).as("still holds it").isEqualTo(Role.LEADING);
            assertThat(second.check().next().role()).isEqualTo(Role.STANDBY);

            terminateBackendOf(first);

            assertThat(first.check().next().role()).as("the leader notices, and retries within its deadline")
                    .isEqualTo(Role.RENEWING);
            // The server drops the lock as the terminated session ends (a moment later): the standby's next asks.
            assertThat(checkUntilLeading(second)).isEqualTo(Role.LEADING);

            LeaseRenewal.Step stepDown = first.check();
            assertThat(stepDown.action()).as("the lock is another's: the old leader steps down (no exit)")
                    .isEqualTo(Action.STEP_DOWN);
            assertThat(first.role()).isEqualTo(Role.STANDBY);
            assertThat(first.check().next().role()).as("and stands by while the other leads").isEqualTo(Role.STANDBY);
            assertThat(second.check().next().role()).isEqualTo(Role.LEADING);
        }
    }

    @Test
    void aLeaderWhoseConnectionEndsTakesTheLeaseBackWithinTheDeadlineWithoutRestartingItsLoop() {
        try (LeaderLease leader = lease(); LeaderLease standby = lease()) {
            assertThat(leader.check().action()).isEqualTo(Action.LEAD);
            assertThat(standby.check().next().role()).isEqualTo(Role.STANDBY);

            terminateBackendOf(leader); // as a PostgreSQL restart does to every session

            List<Action> actions = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            LeaseRenewal.Step step;
            do {
                now.set(now.get().plusSeconds(1)); // within the 15 s renew deadline all along
                step = leader.check();
                actions.add(step.action());
            } while (step.next().role() != Role.LEADING && System.nanoTime() < deadline);

            assertThat(step.next().role()).as("took it back").isEqualTo(Role.LEADING);
            assertThat(actions).as("the loop kept running: neither stepped down nor started again")
                    .containsOnly(Action.NONE);
            assertThat(standby.check().next().role()).isEqualTo(Role.STANDBY);
        }
    }

    @Test
    void afterAPostgresRestartTheStandbyLeavesTheFreedLeaseToTheLeaderRetryingWithinItsDeadline() {
        AtomicBoolean up = new AtomicBoolean(true);
        LeaderLease.ConnectionSource restartable = restartable(up);
        try (LeaderLease leader = lease(restartable); LeaderLease standby = lease(restartable)) {
            assertThat(leader.check().action()).isEqualTo(Action.LEAD);
            assertThat(standby.check().next().role()).isEqualTo(Role.STANDBY);

            restart(up, leader, standby);

            now.set(now.get().plusSeconds(30));
            assertThat(standby.check().next().role()).as("asking again, it finds the lease held")
                    .isEqualTo(Role.STANDBY);
            assertThat(leader.check().next().role()).isEqualTo(Role.LEADING);
        }
    }

    /** Connections to the real database, refused while {@code up} is false (the server restarting). */
    private LeaderLease.ConnectionSource restartable(AtomicBoolean up) {
        LeaderLease.ConnectionSource real = LeaseConnections.of(dataSource, DEADLINE);
        return () -> {
            if (!up.get()) {
                throw new SQLException("connection refused");
            }
            return real.open();
        };
    }

    /**
     * Two restarts 27 s apart, as in a chaos run where both Berths then ran their loops for 312 ms: the standby left
     * the first restart's freed lease to the leader, never asked again during its wait, and so still counted from
     * before the first restart; after the second it asked at once and led beside the leader. Seeing the lease held
     * again must end the wait, so that the second restart is waited out from then.
     */
    @Test
    void aSecondRestartAfterTheStandbysWaitIsWaitedOutAgain() {
        AtomicBoolean up = new AtomicBoolean(true);
        LeaderLease.ConnectionSource restartable = restartable(up);
        try (LeaderLease leader = lease(restartable); LeaderLease standby = lease(restartable)) {
            assertThat(leader.check().action()).isEqualTo(Action.LEAD);
            assertThat(standby.check().next().role()).isEqualTo(Role.STANDBY);

            restart(up, leader, standby);
            // 20 s of checks, one a second each: the second restart comes as the standby's 30 s wait ends, so its
            // first ask after the wait meets the restart (as in the chaos run).
            for (int second = 0; second < 20; second++) {
                now.set(now.get().plusSeconds(1));
                assertThat(leader.check().next().role()).isEqualTo(Role.LEADING);
                assertThat(standby.check().action()).isEqualTo(Action.NONE);
            }

            restart(up, leader, standby);
            assertThat(standby.role()).isEqualTo(Role.STANDBY);
            assertThat(leader.role()).isEqualTo(Role.LEADING);
        }
    }

    /**
     * A restart: every session ends, no one connects for 5 s (virtual); once the database is back the standby
     * checks first, as often happens, and must not take the lease; then the leader takes it back within its deadline.
     */
    private void restart(AtomicBoolean up, LeaderLease leader, LeaderLease standby) {
        up.set(false);
        if (standby.backendPid() != -1) { // a standby waiting without looking has no session to end
            terminateBackendOf(standby);
        }
        terminateBackendOf(leader);
        now.set(now.get().plusSeconds(1));
        assertThat(standby.check().next().role()).isEqualTo(Role.STANDBY);
        assertThat(leader.check().next().role()).isEqualTo(Role.RENEWING);
        now.set(now.get().plusSeconds(5));
        up.set(true);
        // Back: the standby checks first, as often happens, and must not take the lease from the leader
        // (2 s of real time: the server drops the ended sessions' lock well within it).
        long watch = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < watch) {
            assertThat(standby.check().action()).as("a check of the standby after the restart").isEqualTo(Action.NONE);
            assertThat(standby.role()).isEqualTo(Role.STANDBY);
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        List<Action> actions = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (leader.role() != Role.LEADING && System.nanoTime() < deadline) {
            actions.add(leader.check().action());
        }
        assertThat(leader.role()).as("the leader took it back").isEqualTo(Role.LEADING);
        assertThat(actions).as("its loop kept running").containsOnly(Action.NONE);
    }

    @Test
    void aLeaderThatCannotReachTheDatabaseUntilTheDeadlineStepsDownAndLeadsAgainLater() {
        AtomicBoolean reachable = new AtomicBoolean(true);
        LeaderLease.ConnectionSource real = LeaseConnections.of(dataSource, DEADLINE);
        try (LeaderLease leader = lease(() -> {
            if (!reachable.get()) {
                throw new SQLException("connection refused");
            }
            return real.open();
        })) {
            assertThat(leader.check().action()).isEqualTo(Action.LEAD);
            reachable.set(false);
            terminateBackendOf(leader);

            now.set(now.get().plusSeconds(2));
            assertThat(leader.check().next().role()).isEqualTo(Role.RENEWING);
            now.set(now.get().plusSeconds(12));
            assertThat(leader.check().next().role()).as("14 s: still within the deadline").isEqualTo(Role.RENEWING);
            now.set(now.get().plusSeconds(1));
            LeaseRenewal.Step past = leader.check();
            assertThat(past.action()).as("15 s without the lease: steps down, the process lives on")
                    .isEqualTo(Action.STEP_DOWN);
            assertThat(leader.role()).isEqualTo(Role.STANDBY);

            reachable.set(true);
            assertThat(checkUntilLeading(leader)).as("a standby again, it takes the free lease")
                    .isEqualTo(Role.LEADING);
        }
    }

    @Test
    void theLeaseConnectionHasServerSideKeepaliveAndUserTimeoutBeyondTheDeadline() throws SQLException {
        try (Connection c = LeaseConnections.of(dataSource, DEADLINE).open();
             ResultSet r = c.createStatement().executeQuery("select name, setting from pg_settings where name in "
                     + "('tcp_keepalives_idle', 'tcp_keepalives_interval', 'tcp_keepalives_count', 'tcp_user_timeout')")) {
            Map<String, String> settings = new HashMap<>();
            while (r.next()) {
                settings.put(r.getString(1), r.getString(2));
            }
            // 15 s idle + 3 × 5 s probes = 30 s, and 30 s unacknowledged data: twice the deadline
            assertThat(settings).containsEntry("tcp_keepalives_idle", "15")
                    .containsEntry("tcp_keepalives_interval", "5")
                    .containsEntry("tcp_keepalives_count", "3")
                    .containsEntry("tcp_user_timeout", "30000");
        }
    }

    /** A standby's checks, as its timer would make them, for at most 10 s. */
    private static Role checkUntilLeading(LeaderLease lease) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Role role = lease.check().next().role();
        while (role == Role.STANDBY && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            role = lease.check().next().role();
        }
        return role;
    }

    @Test
    void closingTheLeaseFreesItAtOnce() {
        try (LeaderLease second = lease()) {
            try (LeaderLease first = lease()) {
                assertThat(first.check().next().role()).isEqualTo(Role.LEADING);
                assertThat(second.check().next().role()).isEqualTo(Role.STANDBY);
            }
            assertThat(second.check().next().role()).isEqualTo(Role.LEADING);
        }
    }

    @Test
    void aDatabaseThatDoesNotAnswerKeepsAStandbyWaiting() {
        try (LeaderLease lease = lease(() -> {
            throw new SQLException("connection refused");
        })) {
            assertThat(lease.check().next().role()).isEqualTo(Role.STANDBY);
            assertThat(lease.check().next().role()).isEqualTo(Role.STANDBY);
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
