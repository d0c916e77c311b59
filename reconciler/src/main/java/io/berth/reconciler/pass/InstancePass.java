package io.berth.reconciler.pass;

import io.berth.reconciler.hosts.ObservedContainers;
import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.docker.EngineResource;
import io.berth.reconciler.hosts.TaskResources;
import io.berth.reconciler.plan.TaskResourceGcPlanner;
import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.hosts.InstanceHealth;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskReservation;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One pass over one container instance: heartbeat, removal of containers no task accounts for, and the
 * remaining CPU/memory derived from the tasks placed there.
 */
public final class InstancePass {

    private static final Logger log = LoggerFactory.getLogger(InstancePass.class);
    private static final Duration GC_BOUND = Duration.ofSeconds(3);
    private static final int MAX_COLLECTIONS_IN_FLIGHT = 2;

    private final StateStore store;
    private final EngineRegistry engines;
    private final Clock clock;
    private final Duration retention;
    private final Duration stopTimeout;
    private final UUID installation;
    private final InstanceHealth health;
    private final Executor io;
    private final Duration gcBound;
    /** Garbage collections per host still waiting on their engine. */
    private final Map<UUID, AtomicInteger> collecting = new ConcurrentHashMap<>();
    /** Containers being stopped and removed in the background: each once, whatever passes run meanwhile. */
    private final Set<String> removing = ConcurrentHashMap.newKeySet();

    /** Garbage collection runs on the calling thread: for tests in virtual time. */
    public InstancePass(StateStore store, EngineRegistry engines, Clock clock, Duration retention, Duration stopTimeout,
                              UUID installation, InstanceHealth health) {
        this(store, engines, clock, retention, stopTimeout, installation, health, Runnable::run);
    }

    /** @param io where garbage collection waits on the engine, so that a pass can stop waiting after its bound */
    public InstancePass(StateStore store, EngineRegistry engines, Clock clock, Duration retention, Duration stopTimeout,
                              UUID installation, InstanceHealth health, Executor io) {
        this(store, engines, clock, retention, stopTimeout, installation, health, io, GC_BOUND);
    }

    InstancePass(StateStore store, EngineRegistry engines, Clock clock, Duration retention, Duration stopTimeout,
                       UUID installation, InstanceHealth health, Executor io, Duration gcBound) {
        this.io = io;
        this.gcBound = gcBound;
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
        if (found.isEmpty()) {
            health.forget(instanceId); // deregistered: its silence says nothing about Berth's network
            return false;
        }
        if (engine.isEmpty()) {
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
        if (!collectGarbageBounded(instance, engine.get(), asked)) {
            return false;
        }
        recordRemaining(instance);
        return true;
    }

    /**
     * A link cut right after the ping leaves the list call hanging for the engine's response timeout (30 s, and
     * its retries). The pass must not wait that long: while it waits, no heartbeat of this host runs, so the host
     * is not declared lost and its tasks are not replaced. After the bound the host counts as failing and the
     * pass returns; the call finishes (or fails) in the background.
     *
     * <p>Once the host answers pings again, a call still hanging on a connection of the cut link must not hold
     * back the removal of the containers that were replaced meanwhile: a new list starts beside it, but never
     * more than {@link #MAX_COLLECTIONS_IN_FLIGHT} per host, so a flapping host cannot pile calls up.
     *
     * <p>Only the list is bounded, because only it says whether the host answers. Stopping a container may
     * rightly take its whole stop timeout: removals run in the background, in parallel, each container once.
     */
    private boolean collectGarbageBounded(ContainerInstance instance, DockerEngine engine, Instant asked) {
        AtomicInteger inFlight = collecting.computeIfAbsent(instance.id(), id -> new AtomicInteger());
        if (inFlight.incrementAndGet() > MAX_COLLECTIONS_IN_FLIGHT) {
            inFlight.decrementAndGet();
            log.debug("instance {}: {} garbage collections still waiting on the engine", instance.id(), MAX_COLLECTIONS_IN_FLIGHT);
            return true;
        }
        CompletableFuture<List<ContainerState>> listing = CompletableFuture
                .supplyAsync(() -> engine.list(ContainerLabels.clusterFilter(installation, instance.cluster())), io)
                .whenComplete((ok, error) -> inFlight.decrementAndGet());
        List<ContainerState> containers;
        try {
            containers = listing.get(gcBound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("instance {} did not list its containers within {}", instance.id(), gcBound);
            health.failed(instance.id(), asked);
            return false;
        } catch (ExecutionException e) {
            log.warn("garbage collection on instance {} interrupted: {}", instance.id(), e.getCause().getMessage());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        try {
            collectGarbage(instance, engine, containers);
        } catch (EngineException e) {
            log.warn("garbage collection on instance {} interrupted: {}", instance.id(), e.getMessage());
        }
        return true;
    }

    private void collectGarbage(ContainerInstance instance, DockerEngine engine, List<ContainerState> containers) {
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
        Set<String> removed = new HashSet<>();
        for (ContainerCleanup cleanup : InstanceGcPlanner.plan(instance.id(), ObservedContainers.of(containers), tasks, now, retention)) {
            if (!removing.add(cleanup.containerId())) {
                continue; // still being stopped by an earlier pass
            }
            log.atInfo().addKeyValue("berth.instance", instance.id())
                    .addKeyValue("berth.container", cleanup.containerId())
                    .log("removing container {} on instance {}: {}", cleanup.containerId(), instance.id(),
                            cleanup.reason());
            CompletableFuture<Void> removal = CompletableFuture.runAsync(() -> {
                if (cleanup.running()) {
                    engine.stop(cleanup.containerId(), stopTimeout);
                }
                engine.remove(cleanup.containerId());
            }, io).whenComplete((ok, error) -> {
                removing.remove(cleanup.containerId());
                if (error != null) {
                    log.warn("removing container {} on instance {} failed (next pass retries): {}",
                            cleanup.containerId(), instance.id(), error.getMessage());
                }
            });
            if (removal.isDone() && !removal.isCompletedExceptionally()) {
                removed.add(cleanup.containerId());
            }
        }
        Set<UUID> tasksWithContainers = new HashSet<>();
        containers.stream().filter(c -> !removed.contains(c.id()))
                .map(c -> TaskResourceGcPlanner.parse(c.labels().get(ContainerLabels.TASK_ID)))
                .filter(java.util.Objects::nonNull).forEach(tasksWithContainers::add);
        collectTaskResources(instance, engine, tasksWithContainers);
    }

    /** Networks and task volumes go once their task's containers are gone (level-triggered: every pass looks). */
    private void collectTaskResources(ContainerInstance instance, DockerEngine engine, Set<UUID> tasksWithContainers) {
        Map<String, String> filter = new java.util.LinkedHashMap<>(TaskResources.taskResourceFilter(installation));
        filter.put(ContainerLabels.CLUSTER, instance.cluster());
        List<EngineResource> networks = engine.networks(filter);
        List<EngineResource> volumes = engine.volumes(filter);
        if (networks.isEmpty() && volumes.isEmpty()) {
            return;
        }
        Set<UUID> named = new HashSet<>();
        java.util.stream.Stream.concat(networks.stream(), volumes.stream())
                .map(r -> TaskResourceGcPlanner.parse(r.labels().get(ContainerLabels.TASK_ID)))
                .filter(java.util.Objects::nonNull).forEach(named::add);
        Map<UUID, Task> tasks = store.tasks(named);
        for (TaskResourceGcPlanner.Removal r : TaskResourceGcPlanner.plan(ObservedContainers.resources(networks), tasksWithContainers, tasks)) {
            log.info("removing network {} on instance {}: {}", r.name(), instance.id(), r.reason());
            engine.removeNetwork(r.name());
        }
        for (TaskResourceGcPlanner.Removal r : TaskResourceGcPlanner.plan(ObservedContainers.resources(volumes), tasksWithContainers, tasks)) {
            log.info("removing volume {} on instance {}: {}", r.name(), instance.id(), r.reason());
            engine.removeVolume(r.name());
        }
    }

    private void recordRemaining(ContainerInstance instance) {
        int cpu = 0;
        int memory = 0;
        // this instance's reservations only: this runs for every instance, and reading the whole cluster's each time
        // cost the instance passes together (instances x cluster's tasks) rows
        for (TaskReservation t : store.reservationsOn(instance.cluster(), instance.id())) {
            cpu += t.reservedCpu();
            memory += t.reservedMemory();
        }
        // instance was read at the start of the pass, before these reservations: its placement version guards the write
        store.recordInstanceRemaining(instance.id(), instance.placementVersion(), instance.registeredCpu() - cpu,
                instance.registeredMemory() - memory, clock.instant());
    }
}
