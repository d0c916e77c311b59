package io.berth.app.controlloop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * The right to run the control loop, one Berth per database at a time: a PostgreSQL session-level advisory lock held
 * on a connection of the lease's own. PostgreSQL releases it the moment that connection ends — the holder stopped,
 * was killed, or its machine vanished and the server dropped the connection ({@link LeaseConnections} bounds how
 * long that takes) — and a standby that asks next gets it. No clock is shared and no lease has to expire: the
 * database's view of the connection decides, so two holders at once cannot happen while the database is up.
 *
 * <p>{@link #check()} is one step, driven by the caller's timer (every {@code berth.reconciler.leader-check-interval}):
 * a standby tries to take the lock; the leader checks that its connection still answers, and when it does not,
 * connects again and takes the lock back if it is free (a PostgreSQL restart ends every session and its locks).
 * {@link LeaseRenewal} decides from what was seen: keep leading, keep retrying within the renew deadline, or step down
 * — and whether a standby may ask at all, or leaves a lease freed by a restart to the leader that is taking it back.
 */
final class LeaderLease implements AutoCloseable {

    /** The advisory lock's key: "berth" in ASCII. Any other user of advisory locks on Berth's database must avoid it. */
    static final long LOCK_KEY = 0x6265727468L;

    private static final Logger log = LoggerFactory.getLogger(LeaderLease.class);

    /** Opens a connection of the lease's own (kept while standby or leading). */
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource source;
    private final Duration queryTimeout;
    private final Clock clock;
    /** Names this lease's sessions, so that a stale one of ours still holding the lock is told from another Berth's. */
    private final String applicationName = "berth-lease-" + UUID.randomUUID();
    private Connection connection;
    /** Read without the lock by health, which must answer while a check waits on a stalled database. */
    private volatile LeaseRenewal renewal;
    /** Whether the last check left a freed lease to its previous holder (logged once per wait). */
    private boolean leavingToHolder;

    LeaderLease(ConnectionSource source, Duration queryTimeout, Duration renewDeadline, Clock clock) {
        this.source = source;
        this.queryTimeout = queryTimeout;
        this.clock = clock;
        this.renewal = LeaseRenewal.standby(renewDeadline);
    }

    /** One step; never throws: a database that does not answer keeps a standby waiting, and a leader retrying. */
    synchronized LeaseRenewal.Step check() {
        if (!renewal.mayAsk(clock.instant())) {
            if (peek() == LeaseRenewal.Seen.TAKEN) {
                // The holder has the lease again: the wait is over, and the next loss of sight waits from now.
                // Without this look, a standby that left a restart's freed lease to its holder kept the time it
                // last saw it held from before that restart; a second restart after the wait then found it free
                // to ask while the holder was still retrying within its deadline: two loops at once.
                LeaseRenewal.Step step = renewal.next(LeaseRenewal.Seen.TAKEN, clock.instant());
                renewal = step.next();
                if (leavingToHolder) {
                    log.info("another Berth holds the control-loop lease again: standing by");
                }
                leavingToHolder = false;
                return step;
            }
            if (!leavingToHolder) {
                leavingToHolder = true;
                log.info("the database was out of sight since another Berth last held the control-loop lease: leaving "
                        + "it to that Berth for {} after it was last seen held, then asking", renewal.holderGrace());
            }
            return new LeaseRenewal.Step(renewal, LeaseRenewal.Action.NONE);
        }
        leavingToHolder = false;
        LeaseRenewal.Role before = renewal.role();
        LeaseRenewal.Seen seen = before == LeaseRenewal.Role.LEADING ? verify() : acquire();
        LeaseRenewal.Step step = renewal.next(seen, clock.instant());
        renewal = step.next();
        logChange(before, seen, step);
        return step;
    }

    LeaseRenewal.Role role() {
        return renewal.role();
    }

    /** The server process of the lease's connection (for diagnostics and tests); -1 without one. */
    synchronized int backendPid() {
        if (connection == null) {
            return -1;
        }
        try (PreparedStatement s = connection.prepareStatement("select pg_backend_pid()");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    private void connect() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = source.open();
            connection.setAutoCommit(true); // a session lock: it must not live and die with a transaction
            try (PreparedStatement s = connection.prepareStatement("select set_config('application_name', ?, false)")) {
                s.setQueryTimeout(seconds());
                s.setString(1, applicationName);
                s.executeQuery().close();
            }
        }
    }

    /**
     * Looks without asking: TAKEN when a session other than ours holds the lock; UNREACHABLE when the database does
     * not answer or no one else holds it (a standby leaving the lease to its holder must not take it either way).
     */
    private LeaseRenewal.Seen peek() {
        try {
            connect();
            try (PreparedStatement s = connection.prepareStatement("""
                    select exists(select 1 from pg_locks l join pg_stat_activity a on a.pid = l.pid
                    where l.locktype = 'advisory' and l.granted and l.objsubid = 1
                      and ((l.classid::bigint << 32) | l.objid::bigint) = ?
                      and a.application_name <> ?)""")) {
                s.setQueryTimeout(seconds());
                s.setLong(1, LOCK_KEY);
                s.setString(2, applicationName);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getBoolean(1) ? LeaseRenewal.Seen.TAKEN : LeaseRenewal.Seen.UNREACHABLE;
                }
            }
        } catch (SQLException e) {
            closeQuietly();
            return LeaseRenewal.Seen.UNREACHABLE;
        }
    }

    private LeaseRenewal.Seen acquire() {
        try {
            connect();
            try (PreparedStatement s = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
                s.setQueryTimeout(seconds());
                s.setLong(1, LOCK_KEY);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getBoolean(1)) {
                        return LeaseRenewal.Seen.HELD;
                    }
                }
            }
            return endStaleSessionOfOurs() ? LeaseRenewal.Seen.UNREACHABLE : LeaseRenewal.Seen.TAKEN;
        } catch (SQLException e) {
            log.warn("cannot ask the database for the control-loop lease ({}); asking again", e.getMessage());
            closeQuietly();
            return LeaseRenewal.Seen.UNREACHABLE;
        }
    }

    /**
     * After a stall our earlier session may still hold the lock although we closed it (the server has not noticed
     * yet): that is no other leader, so end it and take the lock at the next step instead of stepping down.
     */
    private boolean endStaleSessionOfOurs() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                select pg_terminate_backend(l.pid) from pg_locks l join pg_stat_activity a on a.pid = l.pid
                where l.locktype = 'advisory' and l.granted and l.objsubid = 1
                  and ((l.classid::bigint << 32) | l.objid::bigint) = ?
                  and a.application_name = ? and l.pid <> pg_backend_pid()""")) {
            s.setQueryTimeout(seconds());
            s.setLong(1, LOCK_KEY);
            s.setString(2, applicationName);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private LeaseRenewal.Seen verify() {
        try (PreparedStatement s = connection.prepareStatement("select 1")) {
            s.setQueryTimeout(seconds());
            s.executeQuery().close();
            return LeaseRenewal.Seen.HELD;
        } catch (SQLException e) {
            closeQuietly();
            return LeaseRenewal.Seen.UNREACHABLE;
        }
    }

    private void logChange(LeaseRenewal.Role before, LeaseRenewal.Seen seen, LeaseRenewal.Step step) {
        LeaseRenewal.Role after = step.next().role();
        if (after == LeaseRenewal.Role.RENEWING && before == LeaseRenewal.Role.LEADING) {
            log.warn("the connection holding the control-loop lease failed: still leading, taking the lease back "
                    + "within the renew deadline ({})", renewal.deadline());
        } else if (after == LeaseRenewal.Role.LEADING && before == LeaseRenewal.Role.RENEWING) {
            log.info("took the control-loop lease back: still leading");
        } else if (step.action() == LeaseRenewal.Action.STEP_DOWN) {
            log.error("stepping down as leader: {}; standing by until the lease is free",
                    seen == LeaseRenewal.Seen.TAKEN ? "another Berth holds the control-loop lease"
                            : "the lease could not be renewed within " + renewal.deadline());
        }
    }

    private int seconds() {
        return (int) Math.max(1, queryTimeout.toSeconds());
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing the lease's connection: {}", e.getMessage());
            }
            connection = null;
        }
    }

    /**
     * Gives the lease up: unlocks first, so a standby's next ask gets it (the server ends a closed session a moment
     * after the connection closes, and only then drops its locks), then ends the connection.
     */
    @Override
    public synchronized void close() {
        if (renewal.leads() && connection != null) {
            try (PreparedStatement s = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                s.setQueryTimeout(seconds());
                s.setLong(1, LOCK_KEY);
                s.executeQuery().close();
            } catch (SQLException e) {
                log.debug("unlocking the lease: {} (the session's end releases it)", e.getMessage());
            }
        }
        closeQuietly();
        renewal = LeaseRenewal.standby(renewal.deadline());
    }
}
