package io.berth.reconciler.executor;

import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.reconciler.engine.EngineRegistry;
import io.berth.reconciler.engine.ExitHints;
import io.berth.reconciler.engine.InstanceHealth;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Asks the engines that host a service's tasks what its containers are doing: one list call per engine,
 * plus an inspect of each stopped container of a live task (only inspect tells exit code and OOM kill).
 */
final class ServiceObserver {

    private static final Logger log = LoggerFactory.getLogger(ServiceObserver.class);

    private final EngineRegistry engines;
    private final ExitHints exits;
    private final InstanceHealth health;

    ServiceObserver(EngineRegistry engines, ExitHints exits, InstanceHealth health) {
        this.engines = engines;
        this.exits = exits;
        this.health = health;
    }

    Observation observe(UUID serviceId, List<Task> tasks) {
        Set<UUID> instances = new LinkedHashSet<>();
        Set<UUID> live = new HashSet<>();
        for (Task t : tasks) {
            if (!t.isStopped() && t.instanceId() != null) {
                instances.add(t.instanceId());
                live.add(t.id());
            }
        }
        Map<UUID, List<ContainerState>> byTask = new HashMap<>();
        Set<UUID> answered = new HashSet<>();
        for (UUID instanceId : instances) {
            Optional<DockerEngine> engine = engines.engine(instanceId);
            if (engine.isEmpty() || health.isFailing(instanceId)) {
                continue; // a silent host would hold the pass for its timeouts; its tasks wait to be declared lost
            }
            try {
                for (ContainerState c : engine.get().list(ContainerLabels.serviceFilter(serviceId))) {
                    UUID taskId = taskIdOf(c);
                    if (taskId == null) {
                        continue;
                    }
                    ContainerState detailed = live.contains(taskId) && needsInspect(c)
                            ? engine.get().inspect(c.id()).orElse(c) : c;
                    byTask.computeIfAbsent(taskId, k -> new ArrayList<>()).add(detailed);
                }
                answered.add(instanceId);
            } catch (EngineException e) {
                log.warn("instance {} did not answer while observing service {}: {}", instanceId, serviceId, e.getMessage());
            }
        }
        return new Observation(byTask, answered);
    }

    /** Exit code and OOM kill are only in inspect; and a just-died container may still be listed as running. */
    private boolean needsInspect(ContainerState c) {
        if (c.running()) {
            return exits.recentlyExited(c.id());
        }
        return !"created".equals(c.status()) && c.exitCode() == null;
    }

    static UUID taskIdOf(ContainerState c) {
        String id = c.labels().get(ContainerLabels.TASK_ID);
        if (id == null) {
            return null;
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            log.warn("container {} carries a malformed task id label {}", c.id(), id);
            return null;
        }
    }
}
