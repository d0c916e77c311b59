package io.berth.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One attached exec: docker-java delivers its output frames here (on its streaming thread, in order), a watchdog
 * thread bounds it by the request's idle and total limits and reports its end exactly once, after all output.
 */
final class ExecStream implements ResultCallback<Frame>, ExecSession {

    private static final Logger log = LoggerFactory.getLogger(ExecStream.class);

    private final String operation;
    private final String execId;
    private final ExecRequest request;
    private final Consumer<LogChunk> onOutput;
    private final Consumer<End> onEnd;
    private final Consumer<ExecRequest.TerminalSize> resizer;
    /** The exit code once the stream ended (null when the engine does not know it yet). */
    private final Function<String, Integer> exitCode;
    private final ExecInput stdin = new ExecInput();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicBoolean closedByUs = new AtomicBoolean();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile Closeable stream;
    private volatile long lastActivity = System.nanoTime();

    ExecStream(String operation, String execId, ExecRequest request, Consumer<LogChunk> onOutput, Consumer<End> onEnd,
               Consumer<ExecRequest.TerminalSize> resizer, Function<String, Integer> exitCode) {
        this.operation = operation;
        this.execId = execId;
        this.request = request;
        this.onOutput = onOutput;
        this.onEnd = onEnd;
        this.resizer = resizer;
        this.exitCode = exitCode;
    }

    ExecInput stdin() {
        return stdin;
    }

    @Override
    public String execId() {
        return execId;
    }

    @Override
    public void onStart(Closeable closeable) {
        stream = closeable;
        if (closedByUs.get()) {
            closeStream();
        }
    }

    @Override
    public void onNext(Frame frame) {
        if (closedByUs.get() || frame.getPayload() == null) {
            return;
        }
        lastActivity = System.nanoTime();
        try {
            onOutput.accept(new LogChunk(frame.getStreamType() == StreamType.STDERR, frame.getPayload()));
        } catch (RuntimeException e) {
            log.debug("{}: consumer failed, ending the session: {}", operation, e.toString());
            failure.compareAndSet(null, "output consumer failed: " + e.getMessage());
            close();
        }
    }

    @Override
    public void onError(Throwable error) {
        if (!closedByUs.get()) {
            failure.compareAndSet(null, EngineErrors.translate(operation, error).getMessage());
        }
        finished.countDown();
    }

    @Override
    public void onComplete() {
        finished.countDown();
    }

    @Override
    public void write(byte[] bytes) {
        if (!request.stdin()) {
            return;
        }
        lastActivity = System.nanoTime();
        try {
            if (!stdin.offer(bytes, request.idleLimit())) {
                throw new EngineException(EngineException.Kind.OTHER, operation + ": session ended", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(EngineException.Kind.OTHER, operation + ": interrupted", e);
        }
    }

    @Override
    public void resize(ExecRequest.TerminalSize size) {
        if (request.tty() && finished.getCount() > 0) {
            resizer.accept(size);
        }
    }

    @Override
    public void close() {
        if (closedByUs.compareAndSet(false, true)) {
            failure.compareAndSet(null, "closed");
            closeStream();
            finished.countDown();
        }
    }

    private void closeStream() {
        stdin.close();
        Closeable s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                log.debug("{}: closing: {}", operation, e.toString());
            }
        }
    }

    /**
     * The watchdog, run on a thread of its own: waits for the end within the limits, then reports it. The exit code
     * is asked of the engine after the stream ended; a command that still runs (the session was cut short) has none.
     */
    void watch() {
        long start = System.nanoTime();
        try {
            while (true) {
                long now = System.nanoTime();
                long totalLeft = start + request.totalLimit().toNanos() - now;
                long idleLeft = lastActivity + request.idleLimit().toNanos() - now;
                if (totalLeft <= 0 || idleLeft <= 0) {
                    failure.compareAndSet(null, totalLeft <= 0 ? "total limit " + request.totalLimit()
                            : "idle limit " + request.idleLimit());
                    close();
                    break;
                }
                if (finished.await(Math.min(totalLeft, idleLeft), TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, "interrupted");
            close();
        }
        stdin.close();
        Integer code = null;
        try {
            code = exitCode.apply(execId);
        } catch (RuntimeException e) {
            log.debug("{}: exit code not read: {}", operation, e.toString());
        }
        String reason = failure.get();
        // A command that exited ends the stream by itself: its exit code is the answer even if a close raced it.
        onEnd.accept(code != null ? new End(code, null) : new End(null, reason == null ? "exit code unknown" : reason));
    }
}
