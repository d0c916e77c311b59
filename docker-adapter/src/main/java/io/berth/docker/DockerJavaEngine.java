package io.berth.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InfoCmd;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@link DockerEngine} over docker-java. Every call goes through this engine's {@link ResilientCalls}: one circuit
 * breaker, retries for idempotent calls, and timeouts (HTTP connect/response timeouts for ordinary calls, explicit
 * deadlines for stop and pull which run on the client without a response timeout).
 */
public final class DockerJavaEngine implements DockerEngine {

    /**
     * The container events delivered by {@link #events}: the lifecycle, asked of the engine by name. Everything else
     * of type container is left out at the source, chiefly the three exec events each health probe makes
     * (exec_create, exec_start, exec_die): with 20 health-checked containers probed every second that was 60 events
     * a second to parse for nothing, on a host whose CPU the container starts of a rollout need. The engine matches
     * "health_status" as a prefix, so "health_status: healthy" passes (moby daemon/events/filter.go).
     */
    static final String[] LIFECYCLE_EVENTS = {"create", "start", "restart", "die", "oom", "kill", "stop", "destroy",
            "pause", "unpause", "rename", "update", "health_status"};

    private static final Logger log = LoggerFactory.getLogger(DockerJavaEngine.class);

    private final EngineConfig config;
    private final DockerClient requests;
    private final DockerClient streams;
    private final DockerClient logStreams;
    private final ContainerReads reads;
    private final ResilientCalls calls;
    /** Pings run here so that a ping can be abandoned after its bound; virtual threads, since they only wait. */
    private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();
    private final ConflictTolerantCreate creator;
    private final ImagePolicy images;
    private final Set<EventSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final OomSightings oomSightings = new OomSightings(4096);
    private final EngineExecs execs;
    private final EngineNetworksAndVolumes resources;

    DockerJavaEngine(EngineConfig config, DockerClient requests, DockerClient streams, DockerClient logStreams,
                     ContainerReads reads) {
        this.config = config;
        this.requests = requests;
        this.streams = streams;
        this.logStreams = logStreams;
        this.reads = reads;
        this.calls = new ResilientCalls(config.endpoint(), config.retry(), config.breaker());
        this.creator = new ConflictTolerantCreate(calls, this::createOnce, this::inspect);
        this.execs = new EngineExecs(config, requests, streams, logStreams, calls);
        this.resources = new EngineNetworksAndVolumes(requests, calls);
        this.images = new ImagePolicy(new EngineImages(config, requests, streams, calls), config.pullFailureBackoff(),
                Clock.systemUTC());
    }

    public EngineConfig config() {
        return config;
    }

    @Override
    public EngineInfo info() {
        return calls.idempotent("info", () -> {
            InfoCmd infoCmd = requests.infoCmd();
            Info info = infoCmd.exec();
            Version version = requests.versionCmd().exec();
            return new EngineInfo(info.getId(), info.getName(),
                    info.getNCPU() == null ? 0 : info.getNCPU(),
                    info.getMemTotal() == null ? 0 : info.getMemTotal(),
                    info.getServerVersion(), version.getApiVersion(),
                    info.getOperatingSystem(), info.getArchitecture());
        });
    }

    /**
     * A probe: deliberately outside breaker and retry, so it tells the truth even while the breaker is open; and
     * bounded by the connect timeout, because on a cut link a pooled connection would otherwise wait the whole
     * response timeout for an answer that cannot come — and a host failure must be noticed in seconds.
     */
    @Override
    public boolean ping() {
        Future<?> probe = probes.submit(() -> requests.pingCmd().exec());
        try {
            probe.get(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            calls.probeSucceeded();
            return true;
        } catch (TimeoutException e) {
            probe.cancel(true);
            log.debug("engine {}: ping unanswered after {}", config.endpoint(), config.connectTimeout());
            return false;
        } catch (ExecutionException e) {
            log.debug("engine {}: ping failed: {}", config.endpoint(), e.getCause().toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public ImageResult ensureImage(String image, PullPolicy policy, RegistryAuth auth) {
        return images.ensure(image, policy == null ? PullPolicy.DEFAULT : policy, auth);
    }

    @Override
    public String create(ContainerSpec spec) {
        return creator.create(spec);
    }

    private String createOnce(ContainerSpec spec) {
        String id = SpecMapper.apply(spec, requests.createContainerCmd(spec.image())).exec().getId();
        log.debug("engine {}: created {} ({}) from {}", config.endpoint(), id, spec.name(), spec.image());
        return id;
    }

    @Override
    public void start(String containerId) {
        calls.idempotent("start " + containerId, () -> {
            try {
                requests.startContainerCmd(containerId).exec();
            } catch (NotModifiedException alreadyRunning) {
                log.debug("engine {}: {} already started", config.endpoint(), containerId);
            }
            return null;
        });
    }

    @Override
    public void stop(String containerId, Duration timeout) {
        Duration grace = timeout == null ? Duration.ofSeconds(10) : timeout;
        int seconds = SpecMapper.seconds(grace);
        try {
            calls.limited("stop " + containerId, grace.plus(config.responseTimeout()), () -> {
                try {
                    streams.stopContainerCmd(containerId).withTimeout(seconds).exec();
                } catch (NotModifiedException alreadyStopped) {
                    log.debug("engine {}: {} already stopped", config.endpoint(), containerId);
                }
                return null;
            });
        } catch (EngineException e) {
            if (e.kind() != EngineException.Kind.NOT_FOUND) throw e;
            log.debug("engine {}: stop {}: no such container, nothing to do", config.endpoint(), containerId);
        }
    }

    @Override
    public void remove(String containerId) {
        try {
            calls.idempotent("remove " + containerId, () -> {
                requests.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
                return null;
            });
        } catch (EngineException e) {
            boolean inProgress = e.kind() == EngineException.Kind.CONFLICT && e.getMessage().contains("already in progress");
            if (e.kind() != EngineException.Kind.NOT_FOUND && !inProgress) throw e;
            log.debug("engine {}: remove {}: {}", config.endpoint(), containerId, e.getMessage());
        }
    }

    @Override
    public void writeFile(String containerId, String path, byte[] content) {
        int slash = path.lastIndexOf('/');
        if (slash < 0 || slash == path.length() - 1) {
            throw new IllegalArgumentException("not an absolute file path: " + path);
        }
        String dir = slash == 0 ? "/" : path.substring(0, slash);
        byte[] tar = FileArchive.single(path.substring(slash + 1), content);
        calls.idempotent("write " + path + " into " + containerId, () -> {
            requests.copyArchiveToContainerCmd(containerId).withRemotePath(dir)
                    .withTarInputStream(new java.io.ByteArrayInputStream(tar)).exec();
            return null;
        });
    }

    @Override
    public void writeFile(String containerId, String path, byte[] content, int mode, int uid, int gid) {
        if (!path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("not an absolute file path: " + path);
        }
        // Extracted at the root with its whole path: the engine creates the missing directories (root, 0755).
        byte[] tar = FileArchive.single(path.substring(1), content, mode, uid, gid);
        calls.idempotent("write " + path + " into " + containerId, () -> {
            requests.copyArchiveToContainerCmd(containerId).withRemotePath("/")
                    .withTarInputStream(new java.io.ByteArrayInputStream(tar)).exec();
            return null;
        });
    }

    @Override
    public String exec(String containerId, List<String> command, Duration timeout, int maxBytes) {
        return execs.exec(containerId, command, timeout, maxBytes);
    }

    @Override
    public ExecSession execSession(String containerId, ExecRequest request, Consumer<LogChunk> onOutput,
                                   Consumer<ExecSession.End> onEnd) {
        return execs.execSession(containerId, request, onOutput, onEnd);
    }

    @Override
    public void signal(String containerId, String signal) {
        calls.idempotent("signal " + signal + " to " + containerId, () -> {
            requests.killContainerCmd(containerId).withSignal(signal).exec();
            return null;
        });
    }

    /** One API call. Exit code, OOM flag, error and times are not part of a list answer: inspect for those. */
    @Override
    public List<ContainerState> list(Map<String, String> labelFilter) {
        return calls.idempotent("list", () -> reads.list(labelFilter));
    }

    /**
     * A one-shot reading ({@link ContainerReads#stats}), bounded here by {@code timeout}. Not counted by the circuit
     * breaker: a slow reading is no sign of a sick engine.
     */
    @Override
    public Optional<ContainerStats> stats(String containerId, Duration timeout) {
        try {
            return Optional.ofNullable(calls.unguarded("stats " + containerId, timeout,
                    () -> reads.stats(containerId, Clock.systemUTC().instant())));
        } catch (EngineException e) {
            if (e.kind() == EngineException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<ContainerState> inspect(String containerId) {
        try {
            return Optional.of(calls.idempotent("inspect " + containerId,
                    () -> oomSightings.amend(reads.inspect(containerId))));
        } catch (EngineException e) {
            if (e.kind() == EngineException.Kind.NOT_FOUND) return Optional.empty();
            throw e;
        }
    }

    /** Returns once the engine has accepted the subscription (or the stream failed, reported via onError). */
    @Override
    public Subscription events(Map<String, String> labelFilter, Consumer<EngineEvent> onEvent, Consumer<Throwable> onError) {
        Map<String, String> filter = dockerLabelFilter(labelFilter);
        EventSubscription subscription = new EventSubscription(config.endpoint(), event -> {
            oomSightings.observe(event);
            onEvent.accept(event);
        }, onError, subscriptions::remove);
        subscriptions.add(subscription);
        try {
            calls.once("events", () -> {
                var cmd = streams.eventsCmd().withEventTypeFilter(EventType.CONTAINER).withEventFilter(LIFECYCLE_EVENTS);
                if (!filter.isEmpty()) cmd.withLabelFilter(filter);
                return cmd.exec(subscription); // returns at once; the stream runs on docker-java's thread
            });
        } catch (EngineException e) {
            subscription.close();
            throw e;
        }
        // Callers subscribe, then list to resync: events between those two calls must not be lost. The wait is
        // bounded by the connect timeout, not the response timeout: a caller (a reconcile worker) must not be
        // held 30 s by a host whose link was cut just now; the heartbeat notices that host instead.
        if (!subscription.awaitReady(config.connectTimeout())) {
            log.warn("engine {}: event stream not confirmed within the timeouts; events may be missed until it is",
                    config.endpoint());
        }
        return subscription;
    }

    @Override
    public Subscription logs(String containerId, LogRequest request, Consumer<LogChunk> onChunk, Consumer<Throwable> onEnd) {
        String operation = "logs " + containerId;
        LogStream stream = new LogStream(operation, onChunk, onEnd);
        try {
            // The log client has no response timeout (a followed log may stay quiet for long; the API bounds a
            // follow's length) and a pool of its own (EngineConfig.maxLogConnections).
            calls.once(operation, () -> {
                var cmd = logStreams.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                        .withFollowStream(request.follow()).withTimestamps(request.timestamps());
                if (request.tail() != null) cmd.withTail(request.tail());
                if (request.since() != null) cmd.withSince((int) request.since().getEpochSecond());
                return cmd.exec(stream);
            });
        } catch (EngineException e) {
            stream.close();
            throw e;
        }
        return stream;
    }

    @Override
    public void createNetwork(String name, Map<String, String> labels) {
        resources.createNetwork(name, labels);
    }

    @Override
    public void removeNetwork(String name) {
        resources.removeNetwork(name);
    }

    @Override
    public List<EngineResource> networks(Map<String, String> labelFilter) {
        return resources.networks(labelFilter);
    }

    @Override
    public void createVolume(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels) {
        resources.createVolume(name, driver, driverOpts, labels);
    }

    @Override
    public void removeVolume(String name) {
        resources.removeVolume(name);
    }

    @Override
    public List<EngineResource> volumes(Map<String, String> labelFilter) {
        return resources.volumes(labelFilter);
    }

    /** docker-java's filter builder throws on null values; "" means "key present" to it, as null does to us. */
    static Map<String, String> dockerLabelFilter(Map<String, String> labels) {
        Map<String, String> filter = new HashMap<>();
        if (labels != null) labels.forEach((k, v) -> filter.put(k, v == null ? "" : v));
        return filter;
    }

    /** State of this engine's breaker, for health endpoints and tests. */
    public String breakerState() {
        return calls.breakerState().name();
    }

    @Override
    public void close() {
        probes.shutdownNow();
        subscriptions.forEach(EventSubscription::close);
        calls.close();
        for (java.io.Closeable client : List.of(requests, streams, logStreams, reads)) {
            try {
                client.close();
            } catch (IOException e) {
                log.debug("engine {}: closing client: {}", config.endpoint(), e.toString());
            }
        }
    }
}
