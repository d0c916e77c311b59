package io.berth.app.controlloop;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Drives a {@link LeaderLease} on a timer and tells the caller when this Berth starts leading and when it lost the
 * lease. The lease's connection is opened outside the pool: a pooled connection handed back would keep the lock.
 */
final class LeaderElection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

    private final LeaderLease lease;
    private final Duration interval;
    private ScheduledExecutorService timer;

    LeaderElection(DataSource dataSource, Duration interval) {
        this.lease = new LeaderLease(unpooled(dataSource), interval);
        this.interval = interval;
    }

    private static LeaderLease.ConnectionSource unpooled(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            return () -> DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
        }
        throw new IllegalStateException("leader election needs the connection settings of a HikariDataSource, got "
                + dataSource.getClass().getName() + " (or set berth.reconciler.leader-election.enabled=false)");
    }

    /**
     * Checks at once, then every interval. {@code onLeading} runs once, on the timer's thread, when the lease is
     * taken; {@code onLost} once when it is lost.
     */
    void start(Runnable onLeading, Runnable onLost) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon(true)
                .name("berth-leader-election").unstarted(r));
        timer.scheduleWithFixedDelay(() -> step(onLeading, onLost), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void step(Runnable onLeading, Runnable onLost) {
        LeaderLease.State before = lease.state();
        LeaderLease.State after = lease.check();
        if (before == after) {
            return;
        }
        switch (after) {
            case LEADING -> {
                log.info("this Berth holds the control-loop lease: it runs the control loop");
                onLeading.run();
            }
            case LOST -> {
                timer.shutdown();
                onLost.run();
            }
            case STANDBY -> { }
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        lease.close();
    }
}
