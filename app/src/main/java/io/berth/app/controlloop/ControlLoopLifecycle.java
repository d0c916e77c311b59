package io.berth.app.controlloop;

import io.berth.app.watch.ChangeFeed;
import io.berth.app.watch.ChangeLog;
import io.berth.reconciler.loop.ControlLoop;
import io.berth.reconciler.loop.ReconcileKey;
import io.berth.reconciler.loop.WorkQueue;
import io.berth.reconciler.pass.TrafficObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts the control loop once the application is up: connect engines, register the local one (retrying
 * every few seconds while it does not answer), then — once this Berth holds the control-loop lease
 * ({@link LeaderLease}; at once when it is alone on its database) — run the workers. Stops them first on shutdown.
 *
 * <p>A standby serves the API; the leader follows the change log for what a standby changed
 * ({@link ChangeLogWakeups}: services, one-off tasks, hosts registered or drained, whose engines it connects then),
 * and connects the engines of stored hosts every resync interval as the backstop. A leader that cannot renew its lease
 * within {@code berth.reconciler.leader-renew-deadline}, or finds it taken, steps down: it stops its loop's workers
 * (no container is stopped: they run on until the next leader looks at them) and stands by, ready to lead again. The
 * process goes on serving the API; it never exits over the lease.
 */
@Component
class ControlLoopLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ControlLoopLifecycle.class);
    private static final long RETRY_SECONDS = 5;

    private final ControlLoop loop;
    private final EngineConnector connector;
    private final ControlLoopProperties props;
    private final DataSource dataSource;
    private final ChangeLogWakeups wakeups;
    private final TrafficObserver traffic;
    private ScheduledExecutorService retries;
    private ScheduledExecutorService reconnects;
    private volatile LeaderElection election;
    private final Clock clock;
    private volatile boolean running;
    private volatile boolean leading;

    ControlLoopLifecycle(ControlLoop loop, EngineConnector connector, ControlLoopProperties props, DataSource dataSource,
                         ChangeFeed feed, ChangeLog changes, WorkQueue<ReconcileKey> queue, Clock clock,
                         TrafficObserver traffic) {
        this.traffic = traffic;
        this.loop = loop;
        this.clock = clock;
        this.connector = connector;
        this.props = props;
        this.dataSource = dataSource;
        this.wakeups = new ChangeLogWakeups(feed, changes, queue, this::reconnect);
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!props.enabled()) {
            log.info("control loop disabled (berth.reconciler.enabled=false)");
            return;
        }
        connector.connectStored();
        if (!connector.registerLocal()) {
            retries = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon(true).name("berth-engine-retry").unstarted(r));
            retries.scheduleWithFixedDelay(this::retryRegistration, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
        }
        if (!props.leaderElection()) {
            lead();
            return;
        }
        election = new LeaderElection(dataSource, props.leaderCheckInterval(), props.leaderRenewDeadline(), clock);
        election.start(this::lead, this::stepDown);
        log.info("asking for the control-loop lease every {}; while another Berth on this database holds it, this one "
                + "serves the API and stands by", props.leaderCheckInterval());
    }

    private synchronized void lead() {
        if (!running) {
            return; // stopping: the lease is given up next
        }
        leading = true;
        loop.start(props.workers());
        wakeups.start();
        reconnects = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon(true).name("berth-engine-reconnect").unstarted(r));
        long every = props.resyncInterval().toMillis();
        reconnects.scheduleWithFixedDelay(this::reconnect, every, every, TimeUnit.MILLISECONDS);
        log.info("control loop started with {} workers, resync every {}", props.workers(), props.resyncInterval());
    }

    /** Hosts registered through another Berth get an engine client here too. */
    private void reconnect() {
        try {
            connector.connectMissing();
        } catch (RuntimeException e) {
            log.warn("connecting the engines of stored instances failed: {}", e.toString());
        }
    }

    /** Stops the loop, not the containers: a Berth that stepped down stands by and may lead again. */
    private synchronized void stepDown() {
        leading = false;
        stopLeading();
        log.warn("control loop stopped: this Berth stands by (serving the API) until it holds the lease again");
    }

    private void stopLeading() {
        if (reconnects != null) {
            reconnects.shutdownNow();
            reconnects = null;
        }
        wakeups.close();
        loop.stop();
        traffic.forget(); // its figures would go stale here; the Berth that leads now reports them
    }

    private void retryRegistration() {
        try {
            if (connector.registerLocal()) {
                retries.shutdown();
            }
        } catch (RuntimeException e) {
            log.warn("registering the local engine failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        leading = false;
        if (retries != null) {
            retries.shutdownNow();
        }
        stopLeading();
        loop.close();
        if (election != null) {
            election.close(); // after the loop: the lease ends with its last pass
        }
    }

    /** What this Berth does about the control loop now, for health: disabled, standby, leader or renewing. */
    String role() {
        if (!props.enabled()) {
            return "disabled";
        }
        if (election == null) {
            return leading ? "leader" : "standby";
        }
        return switch (election.role()) {
            case STANDBY -> "standby";
            case LEADING -> "leader";
            case RENEWING -> "renewing";
        };
    }

    /** True while this Berth should be running the loop's workers. */
    boolean leading() {
        return leading;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
