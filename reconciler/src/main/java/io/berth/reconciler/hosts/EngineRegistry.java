package io.berth.reconciler.hosts;

import io.berth.docker.DockerEngine;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The Docker engine behind each connected container instance. */
public final class EngineRegistry {

    private final Map<UUID, DockerEngine> engines = new ConcurrentHashMap<>();

    public void register(UUID instanceId, DockerEngine engine) {
        DockerEngine previous = engines.put(instanceId, engine);
        if (previous != null && previous != engine) {
            previous.close();
        }
    }

    /** The instance was deregistered: no engine any more, and its client is closed. */
    public void unregister(UUID instanceId) {
        DockerEngine previous = engines.remove(instanceId);
        if (previous != null) {
            previous.close();
        }
    }

    public Optional<DockerEngine> engine(UUID instanceId) {
        return Optional.ofNullable(engines.get(instanceId));
    }

    public Set<UUID> instanceIds() {
        return Set.copyOf(engines.keySet());
    }

    public void closeAll() {
        engines.values().forEach(DockerEngine::close);
        engines.clear();
    }
}
