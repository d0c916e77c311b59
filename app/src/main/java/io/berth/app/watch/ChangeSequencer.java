package io.berth.app.watch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Numbers committed changes every {@code berth.watch.poll-interval} and wakes the streams; prunes changes older
 * than {@code berth.watch.retention} once a minute. Runs whether or not the control loop does: API changes are
 * changes too. This process's own writers call {@link #soon()} after they commit, so that their changes reach
 * streams and {@code apply?wait} without waiting for the next round; the interval is for other writers (another
 * Berth on the same database).
 */
@Component
public class ChangeSequencer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeSequencer.class);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final ChangeLog changes;
    private final ChangeFeed feed;
    private final WatchProperties props;
    private final Clock clock;
    private volatile ScheduledExecutorService timer;
    private Instant lastPrune = Instant.MIN;
    private volatile boolean running;
    /** A round asked for by {@link #soon()} is queued: more asks until it starts need no round of their own. */
    private final AtomicBoolean asked = new AtomicBoolean();

    ChangeSequencer(ChangeLog changes, ChangeFeed feed, WatchProperties props, Clock clock) {
        this.changes = changes;
        this.feed = feed;
        this.props = props;
        this.clock = clock;
    }

    @Override
    public void start() {
        feed.advanced(changes.head());
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon(true).name("berth-change-sequencer").unstarted(r));
        timer.scheduleWithFixedDelay(this::round, 0, props.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Runs a round now (on the sequencer's thread) instead of at the next interval; asks that pile up are one round. */
    public void soon() {
        ScheduledExecutorService t = timer;
        if (!running || t == null || !asked.compareAndSet(false, true)) {
            return;
        }
        try {
            t.execute(() -> {
                asked.set(false);
                round();
            });
        } catch (RejectedExecutionException e) {
            asked.set(false); // stopping: the streams are closing anyway
        }
    }

    /** One round; never throws (a throwing task would stop the schedule): a database hiccup only delays changes. */
    void round() {
        try {
            while (changes.sequence() == ChangeLog.SEQUENCE_BATCH) {
                feed.advanced(changes.head()); // a burst: let streams read while the rest is numbered
            }
            feed.advanced(changes.head());
            Instant now = clock.instant();
            if (Duration.between(lastPrune, now).compareTo(PRUNE_EVERY) >= 0) {
                lastPrune = now;
                int pruned = changes.prune(now.minus(props.retention()));
                if (pruned > 0) {
                    log.debug("pruned {} changes older than {}", pruned, props.retention());
                }
            }
        } catch (RuntimeException e) {
            log.warn("change log round failed (streams are delayed, not lost): {}", e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
