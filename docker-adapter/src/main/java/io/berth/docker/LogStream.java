package io.berth.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One container log stream; docker-java calls it from its streaming thread, so chunks arrive in order. A slow
 * consumer slows the stream (it is not buffered here). {@code onEnd} is called exactly once when the engine ends the
 * stream — null for a normal end (all read; when following, the container stopped), the error otherwise — and never
 * after a deliberate {@link #close()}.
 */
final class LogStream implements ResultCallback<Frame>, DockerEngine.Subscription {

    private static final Logger log = LoggerFactory.getLogger(LogStream.class);

    private final String operation;
    private final Consumer<LogChunk> onChunk;
    private final Consumer<Throwable> onEnd;
    private final AtomicBoolean closedByUs = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Closeable stream;

    LogStream(String operation, Consumer<LogChunk> onChunk, Consumer<Throwable> onEnd) {
        this.operation = operation;
        this.onChunk = onChunk;
        this.onEnd = onEnd;
    }

    @Override
    public void onStart(Closeable closeable) {
        stream = closeable;
        if (closedByUs.get()) {
            closeQuietly();
        }
    }

    @Override
    public void onNext(Frame frame) {
        if (closedByUs.get() || frame.getPayload() == null) {
            return;
        }
        try {
            onChunk.accept(new LogChunk(frame.getStreamType() == StreamType.STDERR, frame.getPayload()));
        } catch (RuntimeException e) {
            // The reader is gone (client hung up): stop reading from the engine instead of draining it for nobody.
            log.debug("{}: consumer failed, closing the stream: {}", operation, e.toString());
            close();
        }
    }

    @Override
    public void onError(Throwable error) {
        end(EngineErrors.translate(operation, error));
    }

    @Override
    public void onComplete() {
        end(null);
    }

    private void end(Throwable error) {
        if (closedByUs.get() || !ended.compareAndSet(false, true)) {
            return;
        }
        onEnd.accept(error);
    }

    @Override
    public void close() {
        if (closedByUs.compareAndSet(false, true)) {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        Closeable s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                log.debug("{}: closing: {}", operation, e.toString());
            }
        }
    }
}
