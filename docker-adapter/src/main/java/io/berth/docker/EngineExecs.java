package io.berth.docker;

import com.github.dockerjava.api.DockerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Commands run inside a container: the bounded one-shot kind (health probes, checks) whose output is collected, and
 * interactive sessions streamed to a person. Split from {@link DockerJavaEngine} because exec has its own life cycle
 * (create, start, resize, inspect for the exit code) that no other engine call shares.
 */
final class EngineExecs {

    private static final Logger log = LoggerFactory.getLogger(EngineExecs.class);

    private final EngineConfig config;
    private final DockerClient requests;
    private final DockerClient streams;
    private final DockerClient logStreams;
    private final ResilientCalls calls;

    EngineExecs(EngineConfig config, DockerClient requests, DockerClient streams, DockerClient logStreams,
                ResilientCalls calls) {
        this.config = config;
        this.requests = requests;
        this.streams = streams;
        this.logStreams = logStreams;
        this.calls = calls;
    }

    String exec(String containerId, List<String> command, Duration timeout, int maxBytes) {
        return calls.limited("exec in " + containerId, timeout.plus(config.responseTimeout()), () -> {
            String execId = requests.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            try (var callback = streams.execStartCmd(execId).exec(
                    new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
                                            public void onNext(com.github.dockerjava.api.model.Frame frame) {
                            StringBuilder to = frame.getStreamType() == com.github.dockerjava.api.model.StreamType.STDERR
                                    ? err : out;
                            synchronized (to) {
                                if (to.length() < maxBytes) {
                                    to.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                                }
                            }
                        }
                    })) {
                if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new EngineException(EngineException.Kind.OTHER, "exec in " + containerId
                            + " did not finish within " + timeout, null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException(EngineException.Kind.OTHER, "exec in " + containerId + " interrupted", e);
            } catch (IOException e) {
                throw new EngineException(EngineException.Kind.OTHER, "exec in " + containerId + ": " + e.getMessage(), e);
            }
            Long exit = requests.inspectExecCmd(execId).exec().getExitCodeLong();
            if (exit == null || exit != 0) {
                throw new EngineException(EngineException.Kind.OTHER, "exec in " + containerId + " exited with "
                        + exit + ": " + err.toString().strip(), null);
            }
            return out.length() > maxBytes ? out.substring(0, maxBytes) : out.toString();
        });
    }

    /**
     * Attached to the log client (no response timeout, a pool of its own): a session stays quiet while a person
     * thinks, and bounding it is the watchdog's job (idle and total limits), not the HTTP client's. Creating the exec
     * is one attempt: retrying could start the command twice.
     */
    ExecSession execSession(String containerId, ExecRequest request, Consumer<LogChunk> onOutput,
                                   Consumer<ExecSession.End> onEnd) {
        String operation = "exec session in " + containerId;
        String execId = calls.once(operation, () -> requests.execCreateCmd(containerId)
                .withCmd(request.command().toArray(String[]::new)).withTty(request.tty())
                .withAttachStdin(request.stdin()).withAttachStdout(true).withAttachStderr(true).exec().getId());
        ExecStream stream = new ExecStream(operation, execId, request, onOutput, onEnd,
                size -> resizeExec(execId, size), this::execExitCode);
        calls.once(operation, () -> {
            var cmd = logStreams.execStartCmd(execId).withTty(request.tty());
            if (request.stdin()) cmd.withStdIn(stream.stdin());
            return cmd.exec(stream);
        });
        Thread.ofVirtual().name("exec-watch-" + execId.substring(0, Math.min(12, execId.length()))).start(() -> {
            if (request.tty() && request.initialSize() != null) {
                initialResize(execId, request.initialSize());
            }
            stream.watch();
        });
        return stream;
    }

    /**
     * Resizing is refused until the engine has started the command, which the attach request does asynchronously:
     * a size sent at once (the client's first message) is tried again for up to a second.
     */
    private void initialResize(String execId, ExecRequest.TerminalSize size) {
        try {
            resizeExec(execId, size);
        } catch (EngineException e) {
            log.debug("engine {}: exec {}: initial terminal size not set: {}", config.endpoint(), execId, e.getMessage());
        }
    }

    private void resizeExec(String execId, ExecRequest.TerminalSize size) {
        EngineException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                calls.once("resize exec " + execId, () -> requests.resizeExecCmd(execId)
                        .withSize(size.rows(), size.columns()).exec());
                return;
            } catch (EngineException e) {
                if (e.kind() == EngineException.Kind.NOT_FOUND) throw e;
                last = e;
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
        throw last;
    }

    /** Null while the command runs; the engine marks it ended a moment after the stream closes, so ask a few times. */
    private Integer execExitCode(String execId) {
        for (int attempt = 0; attempt < 10; attempt++) {
            var inspected = calls.idempotent("inspect exec " + execId, () -> requests.inspectExecCmd(execId).exec());
            if (!Boolean.TRUE.equals(inspected.isRunning())) {
                Long code = inspected.getExitCodeLong();
                return code == null ? null : code.intValue();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        return null;
    }
}
