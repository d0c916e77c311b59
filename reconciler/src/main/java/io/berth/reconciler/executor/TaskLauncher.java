package io.berth.reconciler.executor;

import io.berth.docker.ContainerSpec;
import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.docker.ImageResult;
import io.berth.docker.PullPolicy;
import io.berth.docker.RegistryAuth;
import io.berth.reconciler.engine.ContainerSpecFactory;
import io.berth.reconciler.engine.LaunchFailures;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.policy.ClusterSettings;
import io.berth.reconciler.policy.PolicyViolation;
import io.berth.reconciler.policy.RegistryCredential;
import io.berth.reconciler.policy.TaskPolicyCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Creates and starts a task's containers, in definition order. Idempotent: a container that already
 * exists under the task's deterministic name is reused (a retried create returns it), so relaunching
 * after a crash does not duplicate anything. On failure the containers it created are removed.
 */
final class TaskLauncher {

    private static final Logger log = LoggerFactory.getLogger(TaskLauncher.class);

    private final ContainerSpecFactory specs;
    private final PullPolicy pullPolicy;
    private final ClusterSettings clusters;
    private final Clock clock;

    TaskLauncher(ContainerSpecFactory specs, PullPolicy pullPolicy, ClusterSettings clusters, Clock clock) {
        this.specs = specs;
        this.pullPolicy = pullPolicy;
        this.clusters = clusters;
        this.clock = clock;
    }

    LaunchResult launch(Task task, TaskDefinitionSpec spec, DockerEngine engine) {
        // Checked again here, not only at apply: the cluster's policy may have been tightened since.
        List<PolicyViolation> violations = TaskPolicyCheck.check(spec, clusters.policy(task.cluster()), task.cluster());
        if (!violations.isEmpty()) {
            return fail(engine, List.of(), "TaskDefinitionNotAllowed: " + violations.stream()
                    .map(PolicyViolation::toString).collect(Collectors.joining("; ")), spec);
        }
        List<String> created = new ArrayList<>();
        List<TaskContainer> containers = new ArrayList<>();
        for (ContainerDefinition def : spec.containers()) {
            String credentialName = def.options().credentialsParameter();
            RegistryAuth auth = null;
            if (credentialName != null) {
                Optional<RegistryCredential> credential = clusters.credential(credentialName);
                if (credential.isEmpty()) {
                    return fail(engine, created, "CannotPullContainerError: container " + def.name()
                            + ": registry credential \"" + credentialName + "\" does not exist", spec);
                }
                RegistryCredential c = credential.get();
                auth = new RegistryAuth(c.serverAddress(), c.username(), c.password());
            }
            ImageResult image = engine.ensureImage(def.image(), pullPolicy, auth);
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
