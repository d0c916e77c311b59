package io.berth.app.audit;

import io.berth.db.repository.AuditEventRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes audit events older than {@code berth.audit.retention}, every {@code berth.audit.prune-interval}: the only
 * delete of the trail. In batches of {@code berth.audit.prune-batch-size}, each its own short statement, and at most
 * {@value #MAX_BATCHES_PER_ROUND} batches a round, so that a big backlog is worked off over rounds rather than in one
 * long transaction. Every Berth on the database may run it: deleting the same old rows twice is harmless.
 */
@Component
public class AuditPruner implements SmartLifecycle {

    static final int MAX_BATCHES_PER_ROUND = 100;
    private static final Logger log = LoggerFactory.getLogger(AuditPruner.class);

    private final AuditEventRepository events;
    private final AuditProperties properties;
    private final Retention retention;
    private final Clock clock;
    private volatile ScheduledExecutorService timer;

    AuditPruner(AuditEventRepository events, AuditProperties properties, Clock clock) {
        this.events = events;
        this.properties = properties;
        this.retention = new Retention(properties.retention());
        this.clock = clock;
    }

    /** One round; never throws (a throwing task would end the schedule). @return events deleted */
    int prune() {
        Instant cutoff = retention.cutoff(clock);
        int total = 0;
        try {
            for (int batch = 0; batch < MAX_BATCHES_PER_ROUND; batch++) {
                int deleted = events.deleteOldestBefore(cutoff, properties.pruneBatchSize());
                total += deleted;
                if (deleted < properties.pruneBatchSize()) {
                    break;
                }
            }
            if (total > 0) {
                log.info("deleted {} audit events older than {} (berth.audit.retention {})", total, cutoff,
                        properties.retention());
            }
        } catch (RuntimeException e) {
            log.warn("audit retention round failed (retried next round): {}", e.toString());
        }
        return total;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon(true)
                .name("berth-audit-pruner").unstarted(r));
        long every = properties.pruneInterval().toMillis();
        timer.scheduleWithFixedDelay(this::prune, Math.min(every, 60_000), every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService t = timer;
        timer = null;
        if (t != null) {
            t.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
