package io.berth.app.metrics;

import io.berth.docker.ContainerSpec;
import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.EngineEvent;
import io.berth.docker.LogChunk;
import io.berth.docker.LogRequest;
import io.berth.docker.EngineResource;
import io.berth.docker.EngineException;
import io.berth.docker.EngineInfo;
import io.berth.docker.ImageResult;
import io.berth.docker.PullPolicy;
import io.berth.docker.RegistryAuth;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link DockerEngine} that times every call per host, operation and outcome
 * ({@code berth.docker.calls}): latency and errors of each engine, without the adapter knowing metrics.
 */
public final class MeteredDockerEngine implements DockerEngine {

    private final DockerEngine delegate;
    private final MeterRegistry registry;
    private final String host;

    public MeteredDockerEngine(DockerEngine delegate, MeterRegistry registry, String host) {
        this.delegate = delegate;
        this.registry = registry;
        this.host = host;
    }

    private <T> T timed(String op, Supplier<T> call) {
        long start = System.nanoTime();
        String outcome = "ok";
        try {
            return call.get();
        } catch (EngineException e) {
            outcome = e.kind().name().toLowerCase(java.util.Locale.ROOT);
            throw e;
        } catch (RuntimeException e) {
            outcome = "other";
            throw e;
        } finally {
            Timer.builder("berth.docker.calls").description("Docker engine calls")
                    .tag("host", host).tag("op", op).tag("outcome", outcome)
                    .register(registry).record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private void timedVoid(String op, Runnable call) {
        timed(op, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public EngineInfo info() {
        return timed("info", delegate::info);
    }

    @Override
    public boolean ping() {
        return timed("ping", delegate::ping);
    }

    @Override
    public ImageResult ensureImage(String image, PullPolicy policy, RegistryAuth auth) {
        return timed("ensure_image", () -> delegate.ensureImage(image, policy, auth));
    }

    @Override
    public String create(ContainerSpec spec) {
        return timed("create", () -> delegate.create(spec));
    }

    @Override
    public void start(String containerId) {
        timedVoid("start", () -> delegate.start(containerId));
    }

    @Override
    public void stop(String containerId, Duration timeout) {
        timedVoid("stop", () -> delegate.stop(containerId, timeout));
    }

    @Override
    public void remove(String containerId) {
        timedVoid("remove", () -> delegate.remove(containerId));
    }

    @Override
    public void writeFile(String containerId, String path, byte[] content) {
        timedVoid("write_file", () -> delegate.writeFile(containerId, path, content));
    }

    @Override
    public void writeFile(String containerId, String path, byte[] content, int mode, int uid, int gid) {
        timedVoid("write_file", () -> delegate.writeFile(containerId, path, content, mode, uid, gid));
    }

    @Override
    public String exec(String containerId, List<String> command, Duration timeout, int maxBytes) {
        return timed("exec", () -> delegate.exec(containerId, command, timeout, maxBytes));
    }

    @Override
    public io.berth.docker.ExecSession execSession(String containerId, io.berth.docker.ExecRequest request,
                                                  Consumer<LogChunk> onOutput,
                                                  Consumer<io.berth.docker.ExecSession.End> onEnd) {
        return timed("exec_session", () -> delegate.execSession(containerId, request, onOutput, onEnd));
    }

    @Override
    public void signal(String containerId, String signal) {
        timedVoid("signal", () -> delegate.signal(containerId, signal));
    }

    @Override
    public void createNetwork(String name, Map<String, String> labels) {
        timedVoid("create_network", () -> delegate.createNetwork(name, labels));
    }

    @Override
    public void removeNetwork(String name) {
        timedVoid("remove_network", () -> delegate.removeNetwork(name));
    }

    @Override
    public List<EngineResource> networks(Map<String, String> labelFilter) {
        return timed("list_networks", () -> delegate.networks(labelFilter));
    }

    @Override
    public void createVolume(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels) {
        timedVoid("create_volume", () -> delegate.createVolume(name, driver, driverOpts, labels));
    }

    @Override
    public void removeVolume(String name) {
        timedVoid("remove_volume", () -> delegate.removeVolume(name));
    }

    @Override
    public List<EngineResource> volumes(Map<String, String> labelFilter) {
        return timed("list_volumes", () -> delegate.volumes(labelFilter));
    }

    @Override
    public List<ContainerState> list(Map<String, String> labelFilter) {
        return timed("list", () -> delegate.list(labelFilter));
    }

    @Override
    public Optional<io.berth.docker.ContainerStats> stats(String containerId, Duration timeout) {
        return timed("stats", () -> delegate.stats(containerId, timeout));
    }

    @Override
    public Optional<ContainerState> inspect(String containerId) {
        return timed("inspect", () -> delegate.inspect(containerId));
    }

    @Override
    public Subscription events(Map<String, String> labelFilter, Consumer<EngineEvent> onEvent, Consumer<Throwable> onError) {
        return timed("events", () -> delegate.events(labelFilter, onEvent, onError));
    }

    @Override
    public Subscription logs(String containerId, LogRequest request, Consumer<LogChunk> onChunk, Consumer<Throwable> onEnd) {
        return timed("logs", () -> delegate.logs(containerId, request, onChunk, onEnd));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
