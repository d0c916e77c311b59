package io.berth.docker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * In-memory {@link DockerEngine} for scenario tests and for simulating many hosts. Thread-safe (one lock per engine)
 * and deterministic: ids are "{name}-c{n}", dynamic host ports count up from 32768, events keep their order.
 *
 * <p>Events are handed to the {@code eventExecutor} after the engine's lock is released (inline by default, or an
 * executor the test controls), so subscribers may call back into the engine.
 *
 * <p>Model: containers move created → running → exited like Docker's; stop gives exit 143 with an init (SIGTERM
 * reaches the workload) and 137 without (PID 1 ignores SIGTERM and is killed after the grace). Images: see
 * {@link FakeImages}. {@link #list} gives the same cheap view as the real adapter (no exit code: inspect). Outages: {@link #failNextCalls} and {@link #setReachable} make calls throw
 * {@link EngineException.Kind#UNREACHABLE}; going unreachable also ends every event stream with onError.
 */
public final class FakeDockerEngine implements DockerEngine {

    public enum Op { INFO, ENSURE_IMAGE, CREATE, START, STOP, REMOVE, LIST, INSPECT, EVENTS, WRITE_FILE, SIGNAL, EXEC, STATS }

    private final String name;
    private final Object lock = new Object();
    private final Map<String, FakeContainer> containers = new LinkedHashMap<>();
    private final FakeImages images = new FakeImages();
    private final Set<Integer> usedHostPorts = new HashSet<>();
    private final EnumMap<Op, Integer> counters = new EnumMap<>(Op.class);
    private final FakeEventBus events = new FakeEventBus();
    /** Log callbacks decided under the lock, run after it (in order), as event dispatch is. */
    private final List<Runnable> pendingLogs = java.util.Collections.synchronizedList(new ArrayList<>());
    /** What {@link #stats} reports per running container: set by tests ({@link #useStats}); none = zero use. */
    private java.util.function.BiFunction<String, Instant, ContainerStats> stats = (id, now) -> new ContainerStats(now, 0, 2, 0, 0);
    private int cpus = 2;
    private long memoryBytes = 4L << 30;
    private Clock clock = Clock.systemUTC();
    private boolean reachable = true;
    private boolean autoHealthy;
    private boolean listLagsAfterExit;
    private int failNext;
    private int nextId = 1;
    private int nextPort = 32768;
    private RegistryAuth lastPullAuth;
    private volatile Runnable onPull;
    private volatile java.util.function.BiFunction<String, List<String>, String> execAnswer = (id, command) -> "";
    private final Map<String, EngineResource> networks = new LinkedHashMap<>();
    private final Map<String, EngineResource> volumes = new LinkedHashMap<>();

    public FakeDockerEngine(String name) {
        this.name = name;
    }

    // ---- configuration -------------------------------------------------------------------------------------

    public FakeDockerEngine withCapacity(int newCpus, long newMemoryBytes) {
        return run(() -> { cpus = newCpus; memoryBytes = newMemoryBytes; });
    }

    public FakeDockerEngine withEventExecutor(Executor executor) {
        events.setExecutor(executor);
        return this;
    }

    public FakeDockerEngine withClock(Clock newClock) {
        return run(() -> clock = newClock);
    }

    /** Containers with a health check turn healthy as soon as they start (else they stay STARTING until told). */
    public FakeDockerEngine withAutoHealthy(boolean value) {
        return run(() -> autoHealthy = value);
    }

    /**
     * Like Docker 20.10: after "die", list keeps showing the container running until something inspects it
     * (inspect waits on the container itself and sees the exit).
     */
    public FakeDockerEngine withListLaggingAfterExit(boolean value) {
        return run(() -> listLagsAfterExit = value);
    }

    public String name() {
        return name;
    }

    /** The credentials the last ensureImage was given (null = anonymous), for tests of private registries. */
    public RegistryAuth lastPullAuth() {
        return locked(() -> lastPullAuth);
    }

    // ---- DockerEngine ---------------------------------------------------------------------------------------

    @Override
    public EngineInfo info() {
        return locked(() -> {
            enter(Op.INFO);
            return new EngineInfo("FAKE-" + name, name, cpus, memoryBytes, "20.10.24-fake", "1.41", "FakeOS", "x86_64");
        });
    }

    @Override
    public boolean ping() {
        return locked(() -> reachable);
    }

    @Override
    public ImageResult ensureImage(String image, PullPolicy policy, RegistryAuth auth) {
        ImageResult result = locked(() -> {
            enter(Op.ENSURE_IMAGE);
            lastPullAuth = auth;
            return images.ensure(image, policy == null ? PullPolicy.DEFAULT : policy);
        });
        // Outside the lock: the hook may move a virtual clock, whose listeners may call this engine.
        Runnable hook = onPull;
        if (hook != null && (result.pulled() || !result.available())) {
            hook.run();
        }
        return result;
    }

    /**
     * Runs {@code hook} whenever a pull happened (it pulled, or it was needed and failed), e.g. to move a virtual
     * clock by what a real pull takes: tests of pull timestamps.
     */
    public FakeDockerEngine onPull(Runnable hook) {
        this.onPull = hook;
        return this;
    }

    @Override
    public String create(ContainerSpec spec) {
        return locked(() -> {
            enter(Op.CREATE);
            if (!images.present(spec.image())) {
                throw new EngineException(EngineException.Kind.IMAGE_NOT_FOUND, "No such image: " + spec.image(), null);
            }
            if (spec.name() != null && containers.values().stream().anyMatch(c -> spec.name().equals(c.spec.name()))) {
                throw new EngineException(EngineException.Kind.CONFLICT, "name " + spec.name() + " already in use", null);
            }
            String network = spec.options().networkMode();
            if (network != null && !Set.of("bridge", "host", "none").contains(network) && !networks.containsKey(network)) {
                throw new EngineException(EngineException.Kind.NOT_FOUND, "network " + network + " not found", null);
            }
            for (RuntimeOptions.Mount m : spec.options().mounts()) {
                if (!m.bind()) {
                    // Docker creates a missing named volume on first use, with no labels.
                    volumes.putIfAbsent(m.source(), new EngineResource(m.source(), Map.of()));
                }
            }
            FakeContainer c = new FakeContainer(name + "-c" + nextId++, spec);
            containers.put(c.id, c);
            emit(c, "create", null);
            return c.id;
        });
    }

    @Override
    public void start(String containerId) {
        run(() -> {
            enter(Op.START);
            FakeContainer c = existing(containerId);
            if (c.running()) return;
            for (ContainerSpec.PortBinding p : c.spec.ports()) {
                if (p.hostPort() != 0 && usedHostPorts.contains(p.hostPort())) {
                    c.error = "port is already allocated: " + p.hostPort();
                    throw new EngineException(EngineException.Kind.OTHER, "start " + containerId + ": " + c.error, null);
                }
            }
            for (ContainerSpec.PortBinding p : c.spec.ports()) {
                int host = p.hostPort() != 0 ? p.hostPort() : freePort();
                usedHostPorts.add(host);
                c.boundPorts.add(new ContainerSpec.PortBinding(p.containerPort(), host, p.protocol() == null ? "tcp" : p.protocol()));
            }
            c.status = "running";
            c.exitCode = null;
            c.error = null;
            c.startedAt = clock.instant();
            emit(c, "start", null);
            if (c.spec.healthCheck() != null) {
                c.health = ContainerState.Health.STARTING;
                if (autoHealthy) changeHealth(c, ContainerState.Health.HEALTHY);
            }
        });
    }

    @Override
    public void stop(String containerId, Duration timeout) {
        run(() -> {
            enter(Op.STOP);
            FakeContainer c = containers.get(containerId);
            if (c == null || !c.running()) return;
            emit(c, "kill", null);
            exit(c, c.spec.init() ? 143 : 137, false);
            emit(c, "stop", null);
        });
    }

    @Override
    public void remove(String containerId) {
        run(() -> {
            enter(Op.REMOVE);
            FakeContainer c = containers.get(containerId);
            if (c == null) return;
            if (c.running()) {
                emit(c, "kill", null);
                exit(c, 137, false);
            }
            containers.remove(containerId);
            emit(c, "destroy", null);
        });
    }

    @Override
    public void writeFile(String containerId, String path, byte[] content) {
        run(() -> {
            enter(Op.WRITE_FILE);
            existing(containerId).files.put(path, content.clone());
        });
    }

    @Override
    public void writeFile(String containerId, String path, byte[] content, int mode, int uid, int gid) {
        writeFile(containerId, path, content);
    }

    @Override
    public void signal(String containerId, String signal) {
        run(() -> {
            enter(Op.SIGNAL);
            FakeContainer c = existing(containerId);
            if (!c.running()) {
                throw new EngineException(EngineException.Kind.CONFLICT, "container " + containerId + " is not running", null);
            }
            c.signals.add(signal);
        });
    }

    @Override
    public String exec(String containerId, List<String> command, Duration timeout, int maxBytes) {
        return locked(() -> {
            enter(Op.EXEC);
            FakeContainer c = existing(containerId);
            if (!c.running()) {
                throw new EngineException(EngineException.Kind.CONFLICT, "container " + containerId + " is not running", null);
            }
            return execAnswer.apply(containerId, command);
        });
    }

    /** Interactive sessions are not simulated: tests of them run against the real engine (ExecSessionEngineTest). */
    @Override
    public ExecSession execSession(String containerId, ExecRequest request,
                                   java.util.function.Consumer<LogChunk> onOutput,
                                   java.util.function.Consumer<ExecSession.End> onEnd) {
        throw new UnsupportedOperationException("the fake engine does not simulate exec sessions");
    }

    /** What exec answers (default: empty output). */
    public FakeDockerEngine onExec(java.util.function.BiFunction<String, List<String>, String> answer) {
        this.execAnswer = answer;
        return this;
    }

    /** The file last written at {@code path} in the container, empty when none was. */
    public Optional<String> fileOf(String containerId, String path) {
        return locked(() -> Optional.ofNullable(containers.get(containerId)).map(c -> c.files.get(path))
                .map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The signals sent to the container, oldest first. */
    public List<String> signalsOf(String containerId) {
        return locked(() -> Optional.ofNullable(containers.get(containerId)).map(c -> List.copyOf(c.signals)).orElse(List.of()));
    }

    @Override
    public List<ContainerState> list(Map<String, String> labelFilter) {
        return locked(() -> {
            enter(Op.LIST);
            return containers.values().stream().filter(c -> c.matches(labelFilter)).map(FakeContainer::listView).toList();
        });
    }

    /** By id or, like Docker, by name. */
    @Override
    public Optional<ContainerStats> stats(String containerId, Duration timeout) {
        return locked(() -> {
            enter(Op.STATS);
            FakeContainer c = containers.get(containerId);
            if (c == null || !c.running()) {
                return Optional.empty();
            }
            return Optional.ofNullable(stats.apply(containerId, clock.instant()));
        });
    }

    /** Readings for {@link #stats}: (container id, the fake's clock) to a reading. */
    public FakeDockerEngine useStats(java.util.function.BiFunction<String, Instant, ContainerStats> readings) {
        return locked(() -> {
            this.stats = readings;
            return this;
        });
    }

    @Override
    public Optional<ContainerState> inspect(String containerId) {
        return locked(() -> {
            enter(Op.INSPECT);
            FakeContainer c = containers.get(containerId);
            if (c == null) {
                c = containers.values().stream().filter(x -> containerId.equals(x.spec.name())).findFirst().orElse(null);
            }
            if (c != null) {
                c.listShowsRunning = false;
            }
            return Optional.ofNullable(c).map(FakeContainer::snapshot);
        });
    }

    @Override
    public Subscription events(Map<String, String> labelFilter, Consumer<EngineEvent> onEvent, Consumer<Throwable> onError) {
        return locked(() -> {
            enter(Op.EVENTS);
            return events.subscribe(labelFilter, onEvent, onError);
        });
    }

    /** Like Docker: the recorded output (tail = last lines, since = from that instant), then, when following a running
     * container, what it writes until it stops. Callbacks run outside the engine's lock, in order. */
    @Override
    public Subscription logs(String containerId, LogRequest request, Consumer<LogChunk> onChunk, Consumer<Throwable> onEnd) {
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        run(() -> {
            FakeContainer c = containers.get(containerId);
            if (c == null) {
                pendingLogs.add(() -> onEnd.accept(new EngineException(EngineException.Kind.NOT_FOUND,
                        "No such container: " + containerId, null)));
                return;
            }
            List<LogChunk> chunks = c.output.stream()
                    .filter(o -> request.since() == null || !o.at().isBefore(request.since()))
                    .map(FakeContainer.Output::chunk).toList();
            if (request.tail() != null && chunks.size() > request.tail()) {
                chunks = chunks.subList(chunks.size() - request.tail(), chunks.size());
            }
            List<LogChunk> backlog = List.copyOf(chunks);
            pendingLogs.add(() -> backlog.forEach(ch -> deliver(onChunk, ch, closed)));
            if (request.follow() && c.running()) {
                c.followers.add(new FakeContainer.Follower(onChunk, onEnd, closed));
            } else {
                pendingLogs.add(() -> {
                    if (!closed.get()) onEnd.accept(null);
                });
            }
        });
        return () -> closed.set(true);
    }

    private static void deliver(Consumer<LogChunk> onChunk, LogChunk chunk, java.util.concurrent.atomic.AtomicBoolean closed) {
        if (!closed.get()) onChunk.accept(chunk);
    }

    @Override
    public void createNetwork(String networkName, Map<String, String> labels) {
        run(() -> networks.putIfAbsent(networkName, new EngineResource(networkName, labels)));
    }

    @Override
    public void removeNetwork(String networkName) {
        run(() -> {
            boolean inUse = containers.values().stream().anyMatch(c -> c.running()
                    && networkName.equals(c.spec.options().networkMode()));
            if (inUse) {
                throw new EngineException(EngineException.Kind.CONFLICT, "network " + networkName + " has active endpoints", null);
            }
            networks.remove(networkName);
        });
    }

    @Override
    public List<EngineResource> networks(Map<String, String> labelFilter) {
        return locked(() -> networks.values().stream().filter(r -> matches(r.labels(), labelFilter)).toList());
    }

    @Override
    public void createVolume(String volumeName, String driver, Map<String, String> driverOpts, Map<String, String> labels) {
        run(() -> volumes.putIfAbsent(volumeName, new EngineResource(volumeName, labels)));
    }

    @Override
    public void removeVolume(String volumeName) {
        run(() -> {
            boolean inUse = containers.values().stream().anyMatch(c -> c.spec.options().mounts().stream()
                    .anyMatch(m -> !m.bind() && m.source().equals(volumeName)));
            if (inUse) {
                throw new EngineException(EngineException.Kind.CONFLICT, "volume " + volumeName + " is in use", null);
            }
            volumes.remove(volumeName);
        });
    }

    @Override
    public List<EngineResource> volumes(Map<String, String> labelFilter) {
        return locked(() -> volumes.values().stream().filter(r -> matches(r.labels(), labelFilter)).toList());
    }

    private static boolean matches(Map<String, String> labels, Map<String, String> filter) {
        return filter == null || filter.entrySet().stream().allMatch(e -> labels.containsKey(e.getKey())
                && (e.getValue() == null || e.getValue().equals(labels.get(e.getKey()))));
    }

    @Override
    public void close() {
        events.clear();
    }

    // ---- test controls --------------------------------------------------------------------------------------

    /** The workload exits on its own with {@code exitCode}: "die". */
    public void kill(String containerId, int exitCode) {
        run(() -> {
            FakeContainer c = existing(containerId);
            if (c.running()) exit(c, exitCode, false);
        });
    }

    /** The kernel OOM-kills the workload: "oom" then "die", exit 137, oomKilled. */
    public void oomKill(String containerId) {
        run(() -> {
            FakeContainer c = existing(containerId);
            if (!c.running()) return;
            emit(c, "oom", null);
            exit(c, 137, true);
        });
    }

    /** The workload writes one line to stdout (or stderr); followers get it at once. */
    public void writeOutput(String containerId, boolean stderr, String line) {
        run(() -> {
            FakeContainer c = existing(containerId);
            LogChunk chunk = new LogChunk(stderr, (line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            c.output.add(new FakeContainer.Output(clock.instant(), chunk));
            for (FakeContainer.Follower f : c.followers) {
                pendingLogs.add(() -> deliver(f.onChunk(), chunk, f.closed()));
            }
        });
    }

    /** Emits "health_status" with detail "healthy"/"unhealthy" on a change to one of those. */
    public void setHealth(String containerId, ContainerState.Health health) {
        run(() -> changeHealth(existing(containerId), health));
    }

    /** false: the image is neither local nor pullable (create fails with IMAGE_NOT_FOUND). */
    public void setImageAvailable(String image, boolean available) {
        images.setAvailable(image, available);
    }

    /** false: pulls fail; DEFAULT/ONCE fall back to the local copy, ALWAYS fails. */
    public void setRegistryReachable(boolean value) {
        images.setRegistryReachable(value);
    }

    /** The next {@code n} calls (any operation but ping) fail with UNREACHABLE. */
    public void failNextCalls(int n) {
        run(() -> failNext = n);
    }

    /** Unreachable: every call fails, ping is false, and open event streams end with onError (once each). */
    public void setReachable(boolean value) {
        run(() -> {
            reachable = value;
            if (value) return;
            events.failAll(new EngineException(EngineException.Kind.UNREACHABLE, "fake engine " + name + " unreachable", null));
        });
    }

    public int count(Op op) {
        return locked(() -> counters.getOrDefault(op, 0));
    }

    /** What a container was created with, e.g. to check its network or mounts. */
    public ContainerSpec specOf(String containerId) {
        return locked(() -> existing(containerId).spec);
    }

    public int creates() {
        return count(Op.CREATE);
    }

    public int starts() {
        return count(Op.START);
    }

    public int containerCount() {
        return locked(containers::size);
    }

    public int subscriberCount() {
        return events.size();
    }

    // ---- internals ------------------------------------------------------------------------------------------

    private <T> T locked(Supplier<T> action) {
        try {
            synchronized (lock) {
                return action.get();
            }
        } finally {
            events.dispatch();
            runPendingLogs();
        }
    }

    private FakeDockerEngine run(Runnable action) {
        locked(() -> {
            action.run();
            return null;
        });
        return this;
    }

    /** Callers hold the lock. Counts the call, then applies injected outages. */
    private void enter(Op op) {
        counters.merge(op, 1, Integer::sum);
        if (!reachable) {
            throw new EngineException(EngineException.Kind.UNREACHABLE, op + " on fake engine " + name + ": unreachable", null);
        }
        if (failNext > 0) {
            failNext--;
            throw new EngineException(EngineException.Kind.UNREACHABLE, op + " on fake engine " + name + ": injected failure", null);
        }
    }

    private FakeContainer existing(String containerId) {
        FakeContainer c = containers.get(containerId);
        if (c == null) throw new EngineException(EngineException.Kind.NOT_FOUND, "No such container: " + containerId, null);
        return c;
    }

    private void runPendingLogs() {
        List<Runnable> due;
        synchronized (pendingLogs) {
            due = List.copyOf(pendingLogs);
            pendingLogs.clear();
        }
        due.forEach(Runnable::run);
    }

    private void exit(FakeContainer c, int exitCode, boolean oom) {
        c.status = "exited";
        c.exitCode = exitCode;
        c.oomKilled = oom;
        c.finishedAt = clock.instant();
        c.boundPorts.forEach(p -> usedHostPorts.remove(p.hostPort()));
        c.boundPorts.clear();
        c.listShowsRunning = listLagsAfterExit;
        emit(c, "die", null);
        for (FakeContainer.Follower f : c.followers) {
            pendingLogs.add(() -> {
                if (!f.closed().get()) f.onEnd().accept(null); // a followed log ends when its container stops
            });
        }
        c.followers.clear();
    }

    private void changeHealth(FakeContainer c, ContainerState.Health health) {
        if (c.health == health) return;
        c.health = health;
        if (health == ContainerState.Health.HEALTHY || health == ContainerState.Health.UNHEALTHY) {
            emit(c, "health_status", health.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private int freePort() {
        while (usedHostPorts.contains(nextPort)) nextPort++;
        return nextPort++;
    }

    private void emit(FakeContainer c, String action, String detail) {
        events.publish(new EngineEvent(c.id, action, detail, c.spec.labels(), clock.instant()));
    }
}
