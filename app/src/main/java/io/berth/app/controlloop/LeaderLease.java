package io.berth.app.controlloop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The right to run the control loop, one Berth per database at a time: a PostgreSQL session-level advisory lock held
 * on a connection of the lease's own. PostgreSQL releases it the moment that connection ends — the holder stopped,
 * was killed, or its machine vanished and the server dropped the connection — and a standby that asks next gets it.
 * No clock is shared and no lease has to expire: the database's view of the connection decides, so two holders at
 * once cannot happen while the database is up.
 *
 * <p>{@link #check()} is one step, driven by the caller's timer (every {@code berth.reconciler.leader-election
 * .check-interval}): a standby tries to take the lock; the leader checks that its connection still answers. When it
 * does not, the lock may already be someone else's, so leadership is {@link State#LOST} for good: the caller stops its
 * loop and the process, as Kubernetes controllers do when their lease is lost, and a restart comes back as standby.
 */
final class LeaderLease implements AutoCloseable {

    /** The advisory lock's key: "berth" in ASCII. Any other user of advisory locks on Berth's database must avoid it. */
    static final long LOCK_KEY = 0x6265727468L;

    private static final Logger log = LoggerFactory.getLogger(LeaderLease.class);

    /** Opens a connection of the lease's own (kept while standby or leading). */
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    enum State { STANDBY, LEADING, LOST }

    private final ConnectionSource source;
    private final Duration queryTimeout;
    private Connection connection;
    private State state = State.STANDBY;

    LeaderLease(ConnectionSource source, Duration queryTimeout) {
        this.source = source;
        this.queryTimeout = queryTimeout;
    }

    /** One step; never throws: a database that does not answer keeps a standby waiting, and ends a leader's lease. */
    synchronized State check() {
        switch (state) {
            case STANDBY -> tryAcquire();
            case LEADING -> verify();
            case LOST -> { }
        }
        return state;
    }

    synchronized State state() {
        return state;
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

    private void tryAcquire() {
        try {
            if (connection == null || connection.isClosed()) {
                connection = source.open();
                connection.setAutoCommit(true); // a session lock: it must not live and die with a transaction
            }
            try (PreparedStatement s = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
                s.setQueryTimeout(seconds());
                s.setLong(1, LOCK_KEY);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getBoolean(1)) {
                        state = State.LEADING;
                    }
                }
            }
        } catch (SQLException e) {
            log.warn("cannot ask the database for the control-loop lease ({}); asking again", e.getMessage());
            closeQuietly();
        }
    }

    private void verify() {
        try (PreparedStatement s = connection.prepareStatement("select 1")) {
            s.setQueryTimeout(seconds());
            s.executeQuery().close();
        } catch (SQLException e) {
            log.error("the connection holding the control-loop lease failed ({}): another Berth may hold it now",
                    e.getMessage());
            state = State.LOST;
            closeQuietly();
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
        if (state == State.LEADING && connection != null) {
            try (PreparedStatement s = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                s.setQueryTimeout(seconds());
                s.setLong(1, LOCK_KEY);
                s.executeQuery().close();
            } catch (SQLException e) {
                log.debug("unlocking the lease: {} (the session's end releases it)", e.getMessage());
            }
        }
        closeQuietly();
        if (state == State.LEADING) {
            state = State.LOST;
        }
    }
}
