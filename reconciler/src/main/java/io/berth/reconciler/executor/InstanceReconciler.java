package io.berth.reconciler.executor;

import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.reconciler.engine.EngineRegistry;
import io.berth.reconciler.engine.InstanceHealth;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.plan.ContainerCleanup;
import io.berth.reconciler.plan.InstanceGcPlanner;
import io.berth.reconciler.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One pass over one container instance: heartbeat, removal of containers no task accounts for, and the
 * remaining CPU/memory derived from the tasks placed there.
 */
public final class InstanceReconciler {

    private static final Logger log = LoggerFactory.getLogger(InstanceReconciler.class);

    private final StateStore store;
    private final EngineRegistry engines;
    private final Clock clock;
    private final Duration retention;
    private final Duration stopTimeout;
    private final UUID installation;
    private final InstanceHealth health;

    public InstanceReconciler(StateStore store, EngineRegistry engines, Clock clock, Duration retention, Duration stopTimeout,
                              UUID installation, InstanceHealth health) {
        this.installation = installation;
        this.health = health;
        this.store = store;
        this.engines = engines;
        this.clock = clock;
        this.retention = retention;
        this.stopTimeout = stopTimeout;
    }

    /** Returns whether the engine answered. */
    public boolean reconcile(UUID instanceId) {
        Optional<ContainerInstance> found = store.instance(instanceId);
        Optional<DockerEngine> engine = engines.engine(instanceId);
        if (found.isEmpty() || engine.isEmpty()) {
            return false;
        }
        ContainerInstance instance = found.get();
        Instant asked = clock.instant();
        boolean reachable = engine.get().ping();
        store.recordInstanceContact(instanceId, reachable, clock.instant());
        if (!reachable) {
            health.failed(instanceId, asked);
            return false;
        }
        health.answered(instanceId);
        try {
            collectGarbage(instance, engine.get());
        } catch (EngineException e) {
            log.warn("garbage collection on instance {} interrupted: {}", instanceId, e.getMessage());
        }
        recordRemaining(instance);
        return true;
    }

    private void collectGarbage(ContainerInstance instance, DockerEngine engine) {
        List<ContainerState> containers = engine.list(ContainerLabels.clusterFilter(installation, instance.cluster()));
        Set<UUID> ids = new HashSet<>();
        for (ContainerState c : containers) {
            String label = c.labels().get(ContainerLabels.TASK_ID);
            try {
                if (label != null) {
                    ids.add(UUID.fromString(label));
                }
            } catch (IllegalArgumentException e) {
                log.debug("container {} has a malformed task id label", c.id());
            }
        }
        Map<UUID, Task> tasks = store.tasks(ids);
        Instant now = clock.instant();
        for (ContainerCleanup cleanup : InstanceGcPlanner.plan(instance.id(), containers, tasks, now, retention)) {
            log.atInfo().addKeyValue("berth.instance", instance.id())
                    .addKeyValue("berth.container", cleanup.containerId())
                    .log("removing container {} on instance {}: {}", cleanup.containerId(), instance.id(),
                            cleanup.reason());
            if (cleanup.running()) {
                engine.stop(cleanup.containerId(), stopTimeout);
            }
            engine.remove(cleanup.containerId());
        }
    }

    private void recordRemaining(ContainerInstance instance) {
        int cpu = 0;
        int memory = 0;
        for (Task t : store.activeTasks(instance.cluster())) {
            if (instance.id().equals(t.instanceId())) {
                cpu += t.reservedCpu();
                memory += t.reservedMemory();
            }
        }
        store.recordInstanceRemaining(instance.id(), instance.registeredCpu() - cpu, instance.registeredMemory() - memory, clock.instant());
    }
}
