package io.berth.docker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Mutable state of one container inside {@link FakeDockerEngine}. Guarded by the engine's lock. */
final class FakeContainer {

    final String id;
    final ContainerSpec spec;
    String status = "created";
    Integer exitCode;
    boolean oomKilled;
    ContainerState.Health health = ContainerState.Health.NONE;
    String error;
    final List<ContainerSpec.PortBinding> boundPorts = new ArrayList<>();
    /** Files written into the container by path (the archive endpoint). */
    final java.util.Map<String, byte[]> files = new java.util.HashMap<>();
    /** Signals sent to it, oldest first. */
    final List<String> signals = new ArrayList<>();
    Instant startedAt;
    Instant finishedAt;
    /** What the workload wrote, one entry per line, with when. */
    final List<Output> output = new ArrayList<>();
    /** Readers following the output until the container stops. */
    final List<Follower> followers = new ArrayList<>();
    /** Docker 20.10's list lags behind "die": until inspected, list still shows the container running. */
    boolean listShowsRunning;

    FakeContainer(String id, ContainerSpec spec) {
        this.id = id;
        this.spec = spec;
    }

    record Output(Instant at, LogChunk chunk) {
    }

    record Follower(java.util.function.Consumer<LogChunk> onChunk, java.util.function.Consumer<Throwable> onEnd,
                    java.util.concurrent.atomic.AtomicBoolean closed) {
    }

    boolean running() {
        return "running".equals(status);
    }

    /** Same semantics as Docker's label filter: every entry must match, a null value only needs the key. */
    boolean matches(Map<String, String> filter) {
        return matches(spec.labels(), filter);
    }

    static boolean matches(Map<String, String> labels, Map<String, String> filter) {
        if (filter == null) return true;
        for (Map.Entry<String, String> e : filter.entrySet()) {
            if (!labels.containsKey(e.getKey())) return false;
            if (e.getValue() != null && !e.getValue().isEmpty() && !e.getValue().equals(labels.get(e.getKey()))) return false;
        }
        return true;
    }

    /** What a real list call reports: no exit code, OOM flag, error or times (see DockerEngine#list). */
    ContainerState listView() {
        if (listShowsRunning) {
            return new ContainerState(id, spec.name(), spec.image(), spec.labels(), "running", true,
                    null, false, health, null, boundPorts, null, null);
        }
        return new ContainerState(id, spec.name(), spec.image(), spec.labels(), status, running(),
                null, false, health, null, boundPorts, null, null);
    }

    ContainerState snapshot() {
        return new ContainerState(id, spec.name(), spec.image(), spec.labels(), status, running(),
                exitCode, oomKilled, health, error, boundPorts, startedAt, finishedAt);
    }
}
