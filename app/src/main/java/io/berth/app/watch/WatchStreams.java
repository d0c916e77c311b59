package io.berth.app.watch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open {@code /v1/watch} streams. Each runs on a virtual thread of its own: read a page of changes after its
 * position from the change log, write them, sleep until the feed moves (or the heartbeat is due), again. Writes
 * block while the client is slow to read, so a stream holds at most one page in memory and the rest waits in
 * the database; a write that fails (the client went away) ends the stream.
 */
@Component
public class WatchStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WatchStreams.class);

    private final ChangeLog changes;
    private final ChangeFeed feed;
    private final WatchProperties props;
    private final DeactivatingTasks deactivating;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger names = new AtomicInteger();
    private volatile boolean running;

    public WatchStreams(ChangeLog changes, ChangeFeed feed, WatchProperties props, DeactivatingTasks deactivating) {
        this.changes = changes;
        this.feed = feed;
        this.props = props;
        this.deactivating = deactivating;
    }

    /** Streams open now. */
    public int openCount() {
        return open.size();
    }

    /**
     * Opens a stream from {@code since} (a position; null = from now on).
     *
     * @throws TooManyWatchersException when {@code berth.watch.max-watchers} streams are open already
     */
    public SseEmitter open(WatchFilter filter, Long since) {
        SseEmitter emitter = new SseEmitter(0L); // no timeout: the stream lasts until the client or Berth ends it
        Stream stream = new Stream(emitter, filter, since);
        if (!running) {
            throw new TooManyWatchersException("Berth is shutting down");
        }
        synchronized (open) {
            if (open.size() >= props.maxWatchers()) {
                throw new TooManyWatchersException("%d watch streams are open already (berth.watch.max-watchers)"
                        .formatted(props.maxWatchers()));
            }
            open.add(stream);
        }
        emitter.onCompletion(stream::close);
        emitter.onError(e -> stream.close());
        emitter.onTimeout(stream::close);
        Thread.ofVirtual().name("berth-watch-" + names.incrementAndGet()).start(stream::run);
        return emitter;
    }

    private final class Stream {
        private final SseEmitter emitter;
        private final WatchFilter filter;
        private final Long since;
        private volatile boolean closed;

        Stream(SseEmitter emitter, WatchFilter filter, Long since) {
            this.emitter = emitter;
            this.filter = filter;
            this.since = since;
        }

        void close() {
            closed = true;
            open.remove(this);
            feed.wakeAll();
        }

        void run() {
            try {
                long position = start();
                while (!closed && running) {
                    long head = changes.head();
                    List<Change> page = changes.read(position, head, filter, props.pageSize());
                    for (Change c : page) {
                        send(SseEmitter.event().id(Long.toString(c.seq())).name(c.kind()).data(render(c)));
                    }
                    // A short page is everything up to the head that matches the filter: skip to the head.
                    position = page.size() == props.pageSize() ? page.getLast().seq() : head;
                    if (page.size() == props.pageSize()) {
                        continue;
                    }
                    if (!feed.awaitBeyond(position, props.heartbeat()) && !closed) {
                        send(SseEmitter.event().comment("heartbeat"));
                    }
                }
                emitter.complete();
            } catch (IOException | IllegalStateException e) {
                log.debug("watch stream ended: {}", e.toString()); // the client went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                emitter.complete();
            } catch (RuntimeException e) {
                log.warn("watch stream failed", e);
                emitter.completeWithError(e);
            } finally {
                close();
            }
        }

        /**
         * The position the stream starts after, and its first event: {@code sync} with the head (its id is a
         * position to resume from), or {@code reset} when the changes after {@code since} were pruned — the
         * client has missed some and must re-read the state (GET) before it trusts the stream again.
         */
        private long start() throws IOException {
            long head = changes.head();
            if (since == null) {
                send(SseEmitter.event().id(Long.toString(head)).name("sync").data(json.createObjectNode().put("position", head).toString()));
                return head;
            }
            long pruned = changes.prunedUpTo();
            if (since < pruned) {
                send(SseEmitter.event().id(Long.toString(pruned)).name("reset").data(json.createObjectNode()
                        .put("position", pruned).put("since", since)
                        .put("reason", "changes after %d were pruned (berth.watch.retention %s); re-read the state"
                                .formatted(since, props.retention())).toString()));
                return pruned;
            }
            return Math.min(since, head);
        }

        private void send(SseEmitter.SseEventBuilder event) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            emitter.send(event);
        }
    }

    private String render(Change c) {
        ObjectNode node = json.createObjectNode();
        node.put("position", c.seq());
        node.put("kind", c.kind());
        node.put("op", c.op());
        node.put("cluster", c.cluster());
        node.put("service", c.service());
        node.put("id", c.objectId());
        node.put("at", c.at().toString());
        node.set("object", taskStatus(c, json.readTree(c.payload())));
        return node.toString();
    }

    /**
     * A task asked to stop while still RUNNING shows lastStatus DEACTIVATING when its load balancers drain it then,
     * as GET shows it: the stored row says RUNNING, so the change log does too.
     */
    private tools.jackson.databind.JsonNode taskStatus(Change c, tools.jackson.databind.JsonNode payload) {
        if ("task".equals(c.kind()) && payload instanceof ObjectNode o
                && "RUNNING".equals(o.path("lastStatus").asString(""))
                && "STOPPED".equals(o.path("desiredStatus").asString(""))) {
            try {
                if (deactivating.deactivatingAt(java.util.UUID.fromString(c.objectId()), c.at())) {
                    o.put("lastStatus", "DEACTIVATING");
                }
            } catch (IllegalArgumentException e) {
                // not a task id: the change is streamed as stored
            }
        }
        return payload;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every stream: each completes its response, so clients see a clean end (and may reconnect elsewhere). */
    @Override
    public void stop() {
        running = false;
        feed.wakeAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops before the web server's graceful shutdown (DEFAULT_PHASE - 1024) begins: that waits for open requests,
     * and a stream is one until it ends, so the streams must end first, while their connections are still there.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
