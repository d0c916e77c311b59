package io.berth.app.api;

import io.berth.app.audit.AuditEvent;
import io.berth.app.audit.AuditRecorder;
import io.berth.app.audit.AuditRoute;
import io.berth.docker.EngineException;
import io.berth.docker.ExecRequest;
import io.berth.docker.ExecSession;
import io.berth.docker.LogChunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One exec session's WebSocket, bridged to the engine's exec: client messages to the command's stdin and terminal
 * size, the command's output to the client, and last its status. Ends — and is audited — exactly once, however it
 * ends: the command exited, the client went away, a limit was hit, the engine failed.
 */
final class ExecSocket extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ExecSocket.class);
    /** A client that reads slower than the command writes is cut off rather than buffered for without end. */
    private static final int SEND_TIME_LIMIT_MS = 10_000;
    private static final int SEND_BUFFER_LIMIT = 1024 * 1024;

    private final ExecTargets.Target target;
    private final ExecSessions.Audit audit;
    private final ExecLimits limits;
    private final AuditRecorder recorder;
    private final Clock clock;
    private final Runnable release;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile WebSocketSession socket;
    private volatile ExecSession exec;
    private volatile Instant startedAt;

    ExecSocket(ExecTargets.Target target, ExecSessions.Audit audit, ExecLimits limits, AuditRecorder recorder,
               Clock clock, Runnable release) {
        this.target = target;
        this.audit = audit;
        this.limits = limits;
        this.recorder = recorder;
        this.clock = clock;
        this.release = release;
    }

    /** The handshake did not happen: nothing ran, nothing to audit. */
    void refused() {
        if (ended.compareAndSet(false, true)) {
            release.run();
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        socket = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, SEND_BUFFER_LIMIT);
        startedAt = clock.instant();
        ExecRequest request = new ExecRequest(target.command(), target.tty(), target.stdin(), limits.idleTimeout(),
                limits.maxDuration(), null);
        try {
            exec = target.engine().execSession(target.dockerId(), request, this::output, this::finish);
        } catch (EngineException e) {
            log.info("exec in task {} container {} not started: {}", target.taskId(), target.container(),
                    e.getMessage());
            finish(new ExecSession.End(null, "not started: " + e.getMessage()));
        }
    }

    private void output(LogChunk chunk) {
        try {
            socket.sendMessage(new BinaryMessage(ExecFrames.frame(chunk.stderr() ? ExecFrames.STDERR
                    : ExecFrames.STDOUT, chunk.bytes())));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the client is gone: ends the engine session
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        ExecSession running = exec;
        if (running == null) {
            return; // not started (finish already closes the socket)
        }
        try {
            ExecFrames.Incoming in = ExecFrames.parse(message.getPayload());
            if (in.channel() == ExecFrames.STDIN) {
                running.write(in.payload());
            } else {
                ExecFrames.Size size = ExecFrames.size(in.payload());
                running.resize(new ExecRequest.TerminalSize(size.width(), size.height()));
            }
        } catch (IllegalArgumentException e) {
            closeSocket(CloseStatus.BAD_DATA.withReason(bounded(e.getMessage())));
        } catch (EngineException e) {
            log.debug("exec in task {}: {}", target.taskId(), e.getMessage());
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        closeSocket(CloseStatus.BAD_DATA.withReason("binary messages only, each starting with its channel byte"));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        ExecSession running = exec;
        if (running != null) {
            running.close(); // its end is reported through finish, once the engine stream is down
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("exec in task {}: transport: {}", target.taskId(), exception.toString());
    }

    private void finish(ExecSession.End end) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            WebSocketSession s = socket;
            if (s != null && s.isOpen()) {
                s.sendMessage(new BinaryMessage(ExecFrames.status(end.exitCode(), end.reason())));
            }
        } catch (IOException | RuntimeException e) {
            log.debug("exec in task {}: status not sent: {}", target.taskId(), e.toString());
        } finally {
            closeSocket(CloseStatus.NORMAL);
            record(end);
            release.run();
        }
    }

    private void record(ExecSession.End end) {
        Instant now = clock.instant();
        Instant from = startedAt == null ? now : startedAt;
        AuditEvent.Exec facts = new AuditEvent.Exec(target.command(), from, Duration.between(from, now),
                end.exitCode(), end.reason());
        recorder.record(new AuditEvent(now, audit.requestId(), audit.caller().name(), audit.caller().source().name(),
                AuditEvent.EXEC, AuditRoute.displayPattern(audit.pattern()), AuditRoute.of(audit.pattern(), audit.path()),
                List.of(), null, audit.remoteAddress(), 101, facts));
    }

    private void closeSocket(CloseStatus status) {
        WebSocketSession s = socket;
        if (s == null || !s.isOpen()) {
            return;
        }
        try {
            s.close(status);
        } catch (IOException e) {
            log.debug("exec in task {}: closing: {}", target.taskId(), e.toString());
        }
    }

    private static String bounded(String reason) {
        // A close frame's reason is at most 123 bytes.
        return reason.length() <= 120 ? reason : reason.substring(0, 120);
    }
}
