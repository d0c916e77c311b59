package io.berth.app.controlloop;

import io.berth.app.watch.Change;
import io.berth.app.watch.ChangeFeed;
import io.berth.app.watch.ChangeLog;
import io.berth.app.watch.WatchFilter;
import io.berth.reconciler.loop.ReconcileKey;
import io.berth.reconciler.loop.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * On the Berth that runs the control loop: every change in the change log that asks for a pass enqueues its keys —
 * a service created, changed or deleted; a one-off task created; a container instance registered, drained,
 * deregistered or reconnected (its engine client first, then its pass and every service's, as a drain needs).
 * Changes made through this Berth's own API already enqueued theirs; this is for those made through another Berth on
 * the same database (a standby behind the same load balancer), which would otherwise wait for the resync. A key
 * enqueued twice is one pass: passes are idempotent, and the queue holds a key once.
 */
final class ChangeLogWakeups implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeLogWakeups.class);
    private static final int BATCH = 1000;
    private static final Duration WAIT = Duration.ofSeconds(1);

    private final ChangeFeed feed;
    private final ChangeLog changes;
    private final WorkQueue<ReconcileKey> queue;
    private final Runnable connectEngines;
    private volatile boolean running;
    private Thread thread;

    /** @param connectEngines gives every stored instance without one an engine client (a host registered elsewhere) */
    ChangeLogWakeups(ChangeFeed feed, ChangeLog changes, WorkQueue<ReconcileKey> queue, Runnable connectEngines) {
        this.feed = feed;
        this.changes = changes;
        this.queue = queue;
        this.connectEngines = connectEngines;
    }

    /** Follows the log from its current head: what came before is the first resync's business. */
    void start() {
        running = true;
        thread = Thread.ofPlatform().daemon(true).name("berth-change-wakeups").start(this::follow);
    }

    private void follow() {
        long position = feed.head();
        while (running) {
            try {
                if (feed.awaitBeyond(position, WAIT)) {
                    position = wake(position, feed.head());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A database hiccup: the changes stay in the log and are read on the next round.
                log.warn("reading the change log failed: {}", e.toString());
            }
        }
    }

    /** Enqueues the keys of the changes after {@code after} up to {@code head}; returns the position reached. */
    long wake(long after, long head) {
        long position = after;
        while (position < head) {
            List<Change> batch = changes.read(position, head, new WatchFilter(null, null), BATCH);
            if (batch.isEmpty()) {
                return head; // pruned meanwhile, or filtered out: nothing to wake
            }
            // Engine clients first (one look at the stored instances per batch), so the instance passes find them.
            if (batch.stream().anyMatch(c -> "instance".equals(c.kind()))) {
                connectEngines.run();
            }
            for (Change c : batch) {
                keysOf(c).forEach(queue::add);
                position = c.seq();
            }
        }
        return position;
    }

    /** The keys a change asks passes for (none for most). */
    static List<ReconcileKey> keysOf(Change c) {
        try {
            return switch (c.kind()) {
                case "service" -> List.of(new ReconcileKey.ServiceKey(UUID.fromString(c.objectId())));
                case "task" -> "created".equals(c.op()) && c.service() == null
                        ? List.of(new ReconcileKey.TaskKey(UUID.fromString(c.objectId()))) : List.of();
                // every service looks again: tasks to move off a draining host, or room on a new one
                case "instance" -> List.of(new ReconcileKey.InstanceKey(UUID.fromString(c.objectId())),
                        new ReconcileKey.Resync());
                default -> List.of(); // deployments and events follow a service change or a pass
            };
        } catch (IllegalArgumentException e) {
            return List.of(); // not an id this version knows: the resync covers it
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
