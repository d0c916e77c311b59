package io.berth.app.discovery;

import io.berth.app.watch.Change;
import io.berth.app.watch.ChangeFeed;
import io.berth.app.watch.ChangeLog;
import io.berth.app.watch.ChangeSequencer;
import io.berth.app.watch.WatchFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Follows the change log and logs {@code endpoints} changes ({@link EndpointsChanges}): after a task change, the
 * service's endpoints are compared again; after a service change, that service's; after an instance change, every
 * service of its cluster's (an address or a host's tasks may have changed). Every {@code berth.discovery.resync-interval}
 * all services are compared, so a change missed (a restart, a database hiccup) shows within that. Runs on every
 * Berth: the row lock in {@link EndpointsChanges} keeps two from logging a state twice.
 */
@Component
public class EndpointsWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EndpointsWatch.class);
    private static final int PAGE = 500;
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ChangeLog changes;
    private final ChangeFeed feed;
    private final ChangeSequencer sequencer;
    private final EndpointsChanges endpoints;
    private final DiscoveryProperties props;
    private final Clock clock;
    private volatile boolean running;
    private volatile Thread thread;

    EndpointsWatch(ChangeLog changes, ChangeFeed feed, ChangeSequencer sequencer, EndpointsChanges endpoints,
                   DiscoveryProperties props, Clock clock) {
        this.changes = changes;
        this.feed = feed;
        this.sequencer = sequencer;
        this.endpoints = endpoints;
        this.props = props;
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofVirtual().name("berth-endpoints-watch").start(this::run);
    }

    private void run() {
        Long position = null;
        Instant nextResync = Instant.MIN;
        while (running) {
            try {
                if (position == null) {
                    position = changes.head();
                }
                long head = changes.head();
                List<Change> page = changes.read(position, head, new WatchFilter(null, null), PAGE);
                position = page.size() == PAGE ? page.getLast().seq() : head;
                Set<EndpointsChanges.ServiceKey> keys = new LinkedHashSet<>();
                Set<String> clusters = new LinkedHashSet<>();
                for (Change c : page) {
                    switch (c.kind()) {
                        case "task", "service" -> {
                            if (c.service() != null) {
                                keys.add(new EndpointsChanges.ServiceKey(c.cluster(), c.service()));
                            }
                        }
                        case "instance" -> clusters.add(c.cluster());
                        default -> {
                        }
                    }
                }
                List<UUID> due;
                Instant now = clock.instant();
                if (!now.isBefore(nextResync)) {
                    due = endpoints.allServiceIds();
                    nextResync = now.plus(props.resyncInterval());
                } else {
                    due = keys.isEmpty() && clusters.isEmpty() ? List.of() : endpoints.serviceIds(keys, clusters);
                }
                boolean logged = false;
                for (UUID id : due) {
                    try {
                        logged |= endpoints.refresh(id);
                    } catch (RuntimeException e) {
                        // One service's failure (deleted meanwhile, a lock timeout) leaves the others to be compared;
                        // the next change or resync compares it again.
                        log.debug("endpoints of service {}: not compared this round: {}", id, e.toString());
                    }
                }
                if (logged) {
                    sequencer.soon();
                }
                if (page.size() < PAGE) {
                    feed.awaitBeyond(position, WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("endpoints changes: round failed (retried): {}", e.toString());
                try {
                    feed.awaitBeyond(Long.MAX_VALUE, Duration.ofSeconds(1)); // a pause, not a busy loop
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
