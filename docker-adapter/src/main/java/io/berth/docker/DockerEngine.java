package io.berth.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One Docker engine, seen through the operations Berth needs. Generic Docker concepts only:
 * the adapter knows containers, images and labels, never services or tasks.
 *
 * <p>Implementations must be thread-safe. Every call may throw {@link EngineException}
 * when the engine cannot be reached or refuses the request after retries.
 */
public interface DockerEngine extends AutoCloseable {

    /** Identity and capacity of the engine (ID, name, CPUs, memory, version...). */
    EngineInfo info();

    /** True when the engine answers a ping. Never throws. */
    boolean ping();

    /**
     * Makes {@code image} available locally according to {@code policy}.
     * Never throws for a failed pull when a cached copy may be used; the result says what happened.
     */
    default ImageResult ensureImage(String image, PullPolicy policy) {
        return ensureImage(image, policy, null);
    }

    /** As {@link #ensureImage(String, PullPolicy)}, pulling with {@code auth} (null = anonymous). */
    ImageResult ensureImage(String image, PullPolicy policy, RegistryAuth auth);

    /** Creates (does not start) a container; returns its id. */
    String create(ContainerSpec spec);

    /** Starts a created container. */
    void start(String containerId);

    /** SIGTERM (or the image's stop signal), then SIGKILL after {@code timeout}. Idempotent: a stopped or missing container is fine. */
    void stop(String containerId, Duration timeout);

    /** Removes a container, force-killing it if it still runs. Idempotent: a missing container is fine. */
    void remove(String containerId);

    /**
     * Writes one file into a container, created or running, replacing what was there (mode 0644, owner root).
     * Its directory must exist in the container. Idempotent.
     */
    void writeFile(String containerId, String path, byte[] content);

    /**
     * Writes one file into a container (before it starts: secrets and configs) with its permission bits and owner,
     * creating missing directories on the way (root-owned, 0755). {@code path} is absolute. Idempotent.
     */
    void writeFile(String containerId, String path, byte[] content, int mode, int uid, int gid);

    /**
     * Runs {@code command} in a running container and returns what it wrote to stdout, bounded to
     * {@code maxBytes}. A command that does not finish within {@code timeout} or exits non-zero is an
     * {@link EngineException}.
     */
    String exec(String containerId, java.util.List<String> command, Duration timeout, int maxBytes);

    /**
     * Starts {@code request.command()} in a running container, attached: its output goes to {@code onOutput} (on the
     * adapter's streaming thread, in order; with a tty all of it as stdout), and {@code onEnd} is called exactly once
     * after the last output — with the exit code when the command exited, else why the session ended (closed, idle
     * or total limit, engine failure). Closing the session ends only the session, never the container.
     * A missing or stopped container is an {@link EngineException} (NOT_FOUND, CONFLICT).
     */
    ExecSession execSession(String containerId, ExecRequest request, Consumer<LogChunk> onOutput,
                            Consumer<ExecSession.End> onEnd);

    /** Sends {@code signal} ("SIGUSR2", "SIGHUP"...) to a running container's main process. */
    void signal(String containerId, String signal);

    /**
     * All containers (running or not) carrying every label in {@code labelFilter} (value null = key present).
     * One cheap engine call: entries carry id, name, image, labels, status, running, health and bound ports, but
     * {@code exitCode}, {@code error}, {@code startedAt}, {@code finishedAt} are null and {@code oomKilled} false;
     * {@link #inspect} a container for those.
     */
    List<ContainerState> list(Map<String, String> labelFilter);

    /**
     * One reading of a running container's CPU and memory use ({@code stream=false}), bounded by {@code timeout}.
     * Empty when the container does not exist or does not run.
     */
    Optional<ContainerStats> stats(String containerId, Duration timeout);

    /** The container's current state, empty when it does not exist. */
    Optional<ContainerState> inspect(String containerId);

    /**
     * Streams the lifecycle events (create, start, die, oom, kill, stop, destroy, health_status, ...; not the exec
     * events of health probes) of containers carrying every label in {@code labelFilter}.
     * {@code onError} is called once when the stream ends abnormally (engine gone); callers resubscribe.
     */
    Subscription events(Map<String, String> labelFilter, Consumer<EngineEvent> onEvent, Consumer<Throwable> onError);

    /**
     * Streams a container's output (stdout and stderr, oldest first) to {@code onChunk}, on the adapter's streaming
     * thread. {@code onEnd} is called once when the stream ends: null when all was read (when following: the
     * container stopped), the {@link EngineException} otherwise (NOT_FOUND for a missing container). Closing the
     * subscription ends it early and calls nothing. A consumer that throws ends the stream.
     */
    Subscription logs(String containerId, LogRequest request, Consumer<LogChunk> onChunk, Consumer<Throwable> onEnd);

    /** Creates a bridge network unless one of that name exists. Idempotent. */
    void createNetwork(String name, Map<String, String> labels);

    /** Removes a network. Idempotent: a missing network is fine. */
    void removeNetwork(String name);

    /** Networks carrying every label in {@code labelFilter}. */
    List<EngineResource> networks(Map<String, String> labelFilter);

    /**
     * Creates a volume unless one of that name exists (then it is used as it is). Idempotent.
     *
     * @param driver null = the engine's default ("local")
     */
    void createVolume(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels);

    /** Removes a volume. Idempotent: a missing volume is fine; one still in use is an {@link EngineException}. */
    void removeVolume(String name);

    /** Volumes carrying every label in {@code labelFilter} (an empty filter lists all). */
    List<EngineResource> volumes(Map<String, String> labelFilter);

    @Override
    void close();

    /** A handle on an event stream. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
