package io.berth.reconciler.pass;

import io.berth.reconciler.hosts.ObservedContainers;
import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.hosts.ExitHints;
import io.berth.reconciler.hosts.InstanceHealth;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ObservedContainer;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Asks the engines that host a service's tasks what its containers are doing: one list call per engine,
 * plus an inspect of each stopped container of a live task (only inspect tells exit code and OOM kill).
 */
final class ServiceObserver {

    private static final Logger log = LoggerFactory.getLogger(ServiceObserver.class);
    private static final Duration OBSERVE_BOUND = Duration.ofSeconds(3);

    private final EngineRegistry engines;
    private final ExitHints exits;
    private final InstanceHealth health;
    private final Executor io;
    private final Clock clock;

    ServiceObserver(EngineRegistry engines, ExitHints exits, InstanceHealth health, Executor io, Clock clock) {
        this.engines = engines;
        this.exits = exits;
        this.health = health;
        this.io = io;
        this.clock = clock;
    }

    /**
     * @param busy tasks whose launch or stop is under way. The stop of a task records its containers' exits when
     *             it ends, so the exited containers of a task being stopped are not inspected (every pass until the
     *             stop ended would otherwise inspect them); a launching task's are, as their exit is the news.
     */
    Observation observe(UUID serviceId, List<Task> tasks, Predicate<UUID> busy) {
        Set<UUID> instances = new LinkedHashSet<>();
        Set<UUID> live = new HashSet<>();
        for (Task t : tasks) {
            if (!t.isStopped() && t.instanceId() != null) {
                instances.add(t.instanceId());
                if (t.desiredStatus() != TaskStatus.STOPPED || !busy.test(t.id())) {
                    live.add(t.id());
                }
            }
        }
        // Each host is asked in parallel and given OBSERVE_BOUND to answer: one host that went silent mid-call
        // must not hold the pass (and with it the replacement of its tasks) for its timeouts and retries.
        Map<UUID, CompletableFuture<Map<UUID, List<ContainerState>>>> asks = new HashMap<>();
        for (UUID instanceId : instances) {
            Optional<DockerEngine> engine = engines.engine(instanceId);
            if (engine.isEmpty() || health.isFailing(instanceId)) {
                continue; // a silent host would hold the pass for its timeouts; its tasks wait to be declared lost
            }
            asks.put(instanceId, CompletableFuture.supplyAsync(() -> ask(engine.get(), serviceId, live), io));
        }
        Map<UUID, List<ObservedContainer>> byTask = new HashMap<>();
        Set<UUID> answered = new HashSet<>();
        long deadline = System.nanoTime() + OBSERVE_BOUND.toNanos();
        for (Map.Entry<UUID, CompletableFuture<Map<UUID, List<ContainerState>>>> e : asks.entrySet()) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                e.getValue().get(left, TimeUnit.NANOSECONDS).forEach((task, states) ->
                        byTask.computeIfAbsent(task, k -> new ArrayList<>()).addAll(ObservedContainers.of(states)));
                answered.add(e.getKey());
            } catch (TimeoutException ex) {
                log.warn("instance {} did not answer within {} while observing service {}", e.getKey(), OBSERVE_BOUND, serviceId);
                health.failed(e.getKey(), clock.instant().minus(OBSERVE_BOUND));
            } catch (ExecutionException ex) {
                log.warn("instance {} did not answer while observing service {}: {}", e.getKey(), serviceId,
                        ex.getCause().getMessage());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Observation(byTask, answered);
    }

    /** One list of the service's containers on one host, plus inspects where only inspect tells (exit code, OOM). */
    private Map<UUID, List<ContainerState>> ask(DockerEngine engine, UUID serviceId, Set<UUID> live) {
        Map<UUID, List<ContainerState>> byTask = new HashMap<>();
        for (ContainerState c : engine.list(ContainerLabels.serviceFilter(serviceId))) {
            UUID taskId = taskIdOf(c);
            if (taskId == null) {
                continue;
            }
            ContainerState detailed = live.contains(taskId) && needsInspect(c) ? engine.inspect(c.id()).orElse(c) : c;
            byTask.computeIfAbsent(taskId, k -> new ArrayList<>()).add(detailed);
        }
        return byTask;
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
