package io.berth.app.console;

import io.berth.app.security.identity.Caller;
import io.berth.app.watch.Change;
import io.berth.app.watch.ChangeFeed;
import io.berth.app.watch.ChangeLog;
import io.berth.app.watch.TooManyWatchersException;
import io.berth.app.watch.WatchFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service page's live updates: one Server-Sent Events stream per open page, on a virtual thread of its own. It
 * sleeps on the same change feed as {@code /v1/watch}; when the change log holds something new for its service (a
 * task, an event, a deployment), it re-reads the service with the caller's permissions and sends the page's
 * fragments again as HTML ({@code summary}, {@code tasks}, {@code deployments}, {@code events}), which htmx swaps in. The token is checked
 * again before every render, so a revoked token or a signed-out session ends the stream. At most
 * {@code berth.console.max-streams} streams are open at once.
 */
public final class LiveServiceStreams implements SmartLifecycle {

    static final List<String> FRAGMENTS = List.of("summary", "tasks", "deployments", "events");
    private static final Logger log = LoggerFactory.getLogger(LiveServiceStreams.class);

    private final ChangeLog changes;
    private final ChangeFeed feed;
    private final ServicePanel panel;
    private final ConsoleIdentity identity;
    private final ConsoleSessions sessions;
    private final ITemplateEngine templates;
    private final Duration heartbeat;
    private final int maxStreams;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger names = new AtomicInteger();
    private volatile boolean running;

    public LiveServiceStreams(ChangeLog changes, ChangeFeed feed, ServicePanel panel, ConsoleIdentity identity,
                              ConsoleSessions sessions, ITemplateEngine templates, Duration heartbeat, int maxStreams) {
        this.changes = changes;
        this.feed = feed;
        this.panel = panel;
        this.identity = identity;
        this.sessions = sessions;
        this.templates = templates;
        this.heartbeat = heartbeat;
        this.maxStreams = maxStreams;
    }

    public int openCount() {
        return open.size();
    }

    /** @throws TooManyWatchersException (503) when {@code berth.console.max-streams} streams are open already */
    public SseEmitter open(ConsoleSessions.Session session, String cluster, String service) {
        if (!running) {
            throw new TooManyWatchersException("Berth is shutting down");
        }
        SseEmitter emitter = new SseEmitter(0L);
        Stream stream = new Stream(emitter, session, cluster, service);
        synchronized (open) {
            if (open.size() >= maxStreams) {
                throw new TooManyWatchersException("%d live console pages are open already (berth.console.max-streams)"
                        .formatted(maxStreams));
            }
            open.add(stream);
        }
        emitter.onCompletion(stream::close);
        emitter.onError(e -> stream.close());
        emitter.onTimeout(stream::close);
        Thread.ofVirtual().name("berth-console-live-" + names.incrementAndGet()).start(stream::run);
        return emitter;
    }

    private final class Stream {
        private final SseEmitter emitter;
        private final ConsoleSessions.Session session;
        private final String cluster;
        private final String service;
        private volatile boolean closed;

        Stream(SseEmitter emitter, ConsoleSessions.Session session, String cluster, String service) {
            this.emitter = emitter;
            this.session = session;
            this.cluster = cluster;
            this.service = service;
        }

        void close() {
            closed = true;
            open.remove(this);
            feed.wakeAll();
        }

        void run() {
            try {
                long position = changes.head();
                // The page was read before this stream opened: what changed in between is sent at once.
                if (!render()) {
                    return;
                }
                WatchFilter filter = new WatchFilter(cluster, service);
                while (!closed && running && sessions.alive(session.id())) {
                    if (!feed.awaitBeyond(position, heartbeat)) {
                        send(SseEmitter.event().comment("heartbeat"));
                        continue;
                    }
                    long head = changes.head();
                    List<Change> mine = changes.read(position, head, filter, 1);
                    position = head;
                    if (!mine.isEmpty() && !render()) {
                        return;
                    }
                }
            } catch (IOException | IllegalStateException e) {
                log.debug("console stream ended: {}", e.toString()); // the page was closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("console stream failed", e);
            } finally {
                close();
                try {
                    emitter.complete();
                } catch (RuntimeException e) {
                    log.debug("console stream already completed: {}", e.toString());
                }
            }
        }

        /** @return false when the session's token no longer reads this service (the stream ends) */
        private boolean render() throws IOException {
            Optional<Caller> caller;
            try {
                caller = identity.resolve(session.token());
            } catch (RuntimeException e) {
                caller = Optional.empty();
            }
            if (caller.isEmpty()) {
                return false;
            }
            ServicePanel.Model model;
            try {
                model = panel.read(caller.get(), cluster, service);
            } catch (org.springframework.web.server.ResponseStatusException e) { // 403 (AccessDeniedException) or 404
                log.debug("console stream of {}/{} ends: {}", cluster, service, e.getMessage());
                return false;
            }
            Context context = new Context();
            context.setVariable("panel", model);
            context.setVariable("cluster", cluster);
            context.setVariable("fmt", ConsoleFormat.INSTANCE);
            context.setVariable("live", true); // the page shows it is live once its stream delivers
            for (String fragment : FRAGMENTS) {
                String html = templates.process("console/service", Set.of(fragment), context);
                // One SSE data line: HTML needs no line breaks, and the event stays one message whatever the framing.
                send(SseEmitter.event().name(fragment).data(html.replaceAll("\\s*\\R\\s*", " ")));
            }
            return true;
        }

        private void send(SseEmitter.SseEventBuilder event) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            emitter.send(event);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        feed.wakeAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Ends before the web server's graceful shutdown waits for open requests, as the API's watch streams do. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
