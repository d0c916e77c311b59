package io.berth.app.console;

import io.berth.app.api.TaskLogs;
import io.berth.app.web.TooManyRequestsException;
import io.berth.docker.DockerEngine;
import io.berth.docker.LogChunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The task page's live log panels: one Server-Sent Events stream per container shown, fed by the same engine follow
 * as the API's {@code logs?follow=true} ({@link TaskLogs#follow}, so the same follows cap). Each event {@code lines}
 * carries a JSON array of {@code {"s":"out"|"err","t":"<engine timestamp>","l":"<text>"}}; the page writes them as
 * text (never as HTML) and keeps the last {@code berth.console.log-lines}. The stream ends, with one {@code end}
 * event saying why, when the container stops, the engine fails, the follow limit passes, the session is signed out
 * or its token stops working; and when the page closes (the next heartbeat's write fails and the follow is closed).
 */
public final class LiveTaskLogs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveTaskLogs.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A longer line is cut: one line must not hold unbounded memory on the server or the page. */
    static final int MAX_LINE_BYTES = 16 * 1024;

    private final TaskLogs logs;
    private final ConsoleIdentity identity;
    private final ConsoleSessions sessions;
    private final Clock clock;
    private final Duration heartbeat;
    private final int lines;
    private final AtomicInteger names = new AtomicInteger();
    private final Set<Follow> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    public LiveTaskLogs(TaskLogs logs, ConsoleIdentity identity, ConsoleSessions sessions, Clock clock,
                        Duration heartbeat, int lines) {
        this.logs = logs;
        this.identity = identity;
        this.sessions = sessions;
        this.clock = clock;
        this.heartbeat = heartbeat;
        this.lines = lines;
    }

    /** The last lines a panel shows (and the tail it starts from). */
    public int lines() {
        return lines;
    }

    /**
     * A stream that always opens: when the follow cannot start (too many follows, no such container, its host is
     * away) it carries one {@code end} event naming why, which the page shows; an EventSource cannot read a status.
     */
    public SseEmitter open(ConsoleSessions.Session session, String cluster, String taskId, String container) {
        SseEmitter emitter = new SseEmitter(0L);
        Follow follow = new Follow(emitter, session);
        if (!running) {
            follow.end("Berth is shutting down: reload the page in a moment.");
            return emitter;
        }
        open.add(follow);
        try {
            follow.subscription = logs.follow(cluster, taskId, container, lines, follow::chunk, follow::engineEnded);
        } catch (ResponseStatusException e) {
            follow.end(e.getReason());
            return emitter;
        } catch (TooManyRequestsException e) {
            follow.end(e.getMessage());
            return emitter;
        } catch (RuntimeException e) {
            follow.close();
            throw e;
        }
        emitter.onCompletion(follow::close);
        emitter.onError(e -> follow.close());
        emitter.onTimeout(follow::close);
        Thread.ofVirtual().name("berth-console-logs-" + names.incrementAndGet()).start(follow::watch);
        return emitter;
    }

    private final class Follow {
        private final SseEmitter emitter;
        private final ConsoleSessions.Session session;
        private final LogLines cutter = new LogLines(MAX_LINE_BYTES);
        private final AtomicBoolean ended = new AtomicBoolean();
        private final CountDownLatch done = new CountDownLatch(1);
        private final Instant started = clock.instant();
        private volatile DockerEngine.Subscription subscription;

        Follow(SseEmitter emitter, ConsoleSessions.Session session) {
            this.emitter = emitter;
            this.session = session;
        }

        /** On the engine's thread: whole lines go out at once, one event per chunk. */
        void chunk(LogChunk chunk) {
            List<LogLines.Line> complete;
            synchronized (cutter) {
                complete = cutter.accept(chunk);
            }
            send(complete);
        }

        void engineEnded(Throwable error) {
            List<LogLines.Line> rest;
            synchronized (cutter) {
                rest = cutter.rest();
            }
            send(rest);
            end(error == null ? "The container stopped: its output ends here."
                    : "The log stream ended: " + error.getMessage());
        }

        /** Heartbeats (which find a closed page) and the checks that end a follow from this side. */
        void watch() {
            try {
                while (!ended.get()) {
                    if (done.await(heartbeat.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                    if (!sessions.alive(session.id()) || !tokenWorks()) {
                        end("The session ended: sign in again to follow the logs.");
                    } else if (!clock.instant().isBefore(started.plus(TaskLogs.FOLLOW_LIMIT))) {
                        end("Followed for " + TaskLogs.FOLLOW_LIMIT.toMinutes() + " minutes, the limit: reload to "
                                + "follow again.");
                    } else {
                        write(SseEmitter.event().comment("heartbeat"));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
            }
        }

        private boolean tokenWorks() {
            try {
                return identity.resolve(session.token()).isPresent();
            } catch (RuntimeException e) {
                return false;
            }
        }

        private void send(List<LogLines.Line> batch) {
            if (batch.isEmpty()) {
                return;
            }
            List<Map<String, String>> json = new ArrayList<>(batch.size());
            for (LogLines.Line line : batch) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("s", line.stderr() ? "err" : "out");
                if (line.time() != null) {
                    entry.put("t", line.time().toString());
                }
                entry.put("l", line.text());
                json.add(entry);
            }
            write(SseEmitter.event().name("lines").data(JSON.writeValueAsString(json)));
        }

        /** Says why, once, and ends the stream and the follow. */
        void end(String reason) {
            if (ended.compareAndSet(false, true)) {
                synchronized (emitter) {
                    try {
                        emitter.send(SseEmitter.event().name("end").data(reason == null ? "The stream ended." : reason));
                        emitter.complete();
                    } catch (IOException | IllegalStateException e) {
                        log.debug("console log stream already gone: {}", e.toString());
                    }
                }
                close();
            }
        }

        private void write(SseEmitter.SseEventBuilder event) {
            if (ended.get()) {
                return;
            }
            synchronized (emitter) {
                try {
                    emitter.send(event);
                } catch (IOException | IllegalStateException e) {
                    log.debug("console log stream ended: {}", e.toString()); // the page was closed
                    close();
                }
            }
        }

        void close() {
            open.remove(this);
            ended.set(true);
            done.countDown();
            DockerEngine.Subscription current = subscription;
            if (current != null) {
                current.close();
            }
        }
    }

    /** Followed logs open now (each holds a permit of the API's follows cap). */
    public int openCount() {
        return open.size();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every follow, saying why, so that the web server's graceful shutdown does not wait for open pages. */
    @Override
    public void stop() {
        running = false;
        for (Follow follow : List.copyOf(open)) {
            follow.end("Berth is shutting down: reload the page in a moment.");
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
