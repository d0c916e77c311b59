package io.berth.reconciler.executor;

import io.berth.docker.ContainerSpec;
import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.docker.ImageResult;
import io.berth.docker.PullPolicy;
import io.berth.reconciler.engine.ContainerSpecFactory;
import io.berth.reconciler.engine.LaunchFailures;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates and starts a task's containers, in definition order. Idempotent: a container that already
 * exists under the task's deterministic name is reused (a retried create returns it), so relaunching
 * after a crash does not duplicate anything. On failure the containers it created are removed.
 */
final class TaskLauncher {

    private static final Logger log = LoggerFactory.getLogger(TaskLauncher.class);

    private final ContainerSpecFactory specs;
    private final PullPolicy pullPolicy;
    private final Clock clock;

    TaskLauncher(ContainerSpecFactory specs, PullPolicy pullPolicy, Clock clock) {
        this.specs = specs;
        this.pullPolicy = pullPolicy;
        this.clock = clock;
    }

    LaunchResult launch(Task task, TaskDefinitionSpec spec, DockerEngine engine) {
        List<String> created = new ArrayList<>();
        List<TaskContainer> containers = new ArrayList<>();
        for (ContainerDefinition def : spec.containers()) {
            ImageResult image = engine.ensureImage(def.image(), pullPolicy);
            if (!image.available()) {
                return fail(engine, created, LaunchFailures.cannotPull(def.image(), image.message()), spec);
            }
            String id;
            try {
                id = engine.create(specs.specFor(task, def));
                created.add(id);
            } catch (EngineException e) {
                rethrowIfHostTrouble(e);
                return fail(engine, created, LaunchFailures.cannotCreate(e.getMessage()), spec);
            }
            try {
                engine.start(id);
            } catch (EngineException e) {
                rethrowIfHostTrouble(e);
                return fail(engine, created, LaunchFailures.cannotStart(e.getMessage()), spec);
            }
            containers.add(describe(def, id, engine.inspect(id).orElse(null)));
        }
        return new LaunchResult.Started(containers, clock.instant());
    }

    /**
     * An engine that cannot be reached says nothing about the task: the task is not failed (that would count
     * against the service's circuit breaker); the host is, and the caller treats it so.
     */
    private static void rethrowIfHostTrouble(EngineException e) {
        switch (e.kind()) {
            case UNREACHABLE, TIMEOUT, CIRCUIT_OPEN -> throw e;
            default -> {
            }
        }
    }

    private static TaskContainer describe(ContainerDefinition def, String id, ContainerState state) {
        List<PortMapping> ports = state == null ? List.of() : state.ports().stream()
                .map(b -> new PortMapping(b.containerPort(), b.hostPort(), b.protocol())).toList();
        boolean running = state != null && state.running();
        return new TaskContainer(def.name(), id, running ? TaskStatus.RUNNING : TaskStatus.PENDING, null, null, ports);
    }

    private static LaunchResult fail(DockerEngine engine, List<String> created, String reason, TaskDefinitionSpec spec) {
        for (String id : created) {
            try {
                engine.remove(id);
            } catch (EngineException e) {
                // The instance pass removes what is left: the container is labelled and its task is STOPPED.
                log.warn("could not remove container {} of a failed launch: {}", id, e.getMessage());
            }
        }
        List<TaskContainer> containers = spec.containers().stream()
                .map(d -> new TaskContainer(d.name(), null, TaskStatus.STOPPED, null, null, List.of())).toList();
        return new LaunchResult.Failed(reason, containers);
    }
}
