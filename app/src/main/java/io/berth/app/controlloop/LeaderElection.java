package io.berth.app.controlloop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Drives a {@link LeaderLease} on a timer and tells the caller when this Berth starts leading and when it steps
 * down; a Berth that stepped down stands by and may lead again later. The process never exits over the lease.
 */
final class LeaderElection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

    private final LeaderLease lease;
    private final Duration interval;
    private ScheduledExecutorService timer;

    LeaderElection(DataSource dataSource, Duration interval, Duration renewDeadline, Clock clock) {
        this.lease = new LeaderLease(LeaseConnections.of(dataSource, renewDeadline), interval, renewDeadline, clock);
        this.interval = interval;
    }

    /**
     * Checks at once, then every interval. {@code onLeading} runs on the timer's thread each time the lease is
     * taken; {@code onSteppedDown} each time it is given up.
     */
    void start(Runnable onLeading, Runnable onSteppedDown) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon(true)
                .name("berth-leader-election").unstarted(r));
        timer.scheduleWithFixedDelay(() -> step(onLeading, onSteppedDown), 0, interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The lease's role now: standby, leading, or renewing (leading, retrying within the renew deadline). */
    LeaseRenewal.Role role() {
        return lease.role();
    }

    private void step(Runnable onLeading, Runnable onSteppedDown) {
        try {
            switch (lease.check().action()) {
                case LEAD -> {
                    log.info("this Berth holds the control-loop lease: it runs the control loop");
                    onLeading.run();
                }
                case STEP_DOWN -> onSteppedDown.run();
                case NONE -> { }
            }
        } catch (RuntimeException | Error e) {
            // A failure here must not end the timer (a scheduled task that throws is never run again).
            log.error("the leader election's step failed; checking again in {}", interval, e);
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
