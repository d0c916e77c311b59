package io.berth.reconciler.taskwork;

import io.berth.reconciler.hosts.ObservedContainers;
import io.berth.docker.ContainerSpec;
import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.docker.EngineResource;
import io.berth.docker.ImageResult;
import io.berth.docker.PullPolicy;
import io.berth.docker.RegistryAuth;
import io.berth.reconciler.hosts.ContainerSpecFactory;
import io.berth.reconciler.hosts.LaunchFailures;
import io.berth.reconciler.hosts.TaskResources;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.plan.DependencyConditions;
import io.berth.reconciler.plan.RecordedHealth;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOptions;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.policy.ClusterPolicy;
import io.berth.reconciler.policy.ClusterSettings;
import io.berth.reconciler.policy.PolicyViolation;
import io.berth.reconciler.policy.RegistryCredential;
import io.berth.reconciler.policy.RegistryScope;
import io.berth.reconciler.policy.TaskPolicyCheck;
import io.berth.reconciler.policy.UnreadableCredentialException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    /** Registry credentials, read at each pull. */
    private final ClusterSettings clusters;
    private final UUID installation;
    private final Clock clock;

    TaskLauncher(ExecutorSettings settings, Clock clock) {
        this.specs = settings.containerSpecs();
        this.pullPolicy = settings.pullPolicy();
        this.clusters = settings.clusters();
        this.installation = settings.installation();
        this.clock = clock;
    }

    /**
     * @param policy the cluster's policy, read by the caller once for all the launches of a pass (one database
     *               read per pass rather than per task)
     */
    LaunchResult launch(Task task, TaskDefinitionSpec spec, DockerEngine engine, ClusterPolicy policy) {
        // Checked again here, not only at apply: the cluster's policy may have been tightened since.
        List<PolicyViolation> violations = TaskPolicyCheck.check(spec, policy, task.cluster());
        if (!violations.isEmpty()) {
            return fail(engine, List.of(), "TaskDefinitionNotAllowed: " + violations.stream()
                    .map(PolicyViolation::toString).collect(Collectors.joining("; ")), spec, null);
        }
        try {
            String refused = createNetworkAndVolumes(task, spec, engine);
            if (refused != null) {
                return fail(engine, List.of(), refused, spec, null);
            }
        } catch (EngineException e) {
            rethrowIfHostTrouble(e);
            return fail(engine, List.of(), "ResourceInitializationError: " + e.getMessage(), spec, null);
        }
        List<String> created = new ArrayList<>();
        List<TaskContainer> containers = new ArrayList<>();
        Map<String, ContainerState> states = new HashMap<>();
        String waitingFor = null;
        PullWindow pulls = null;
        io.berth.reconciler.model.SecretVersions versions = io.berth.reconciler.model.SecretVersions.NONE;
        // A relaunch (the task is PENDING) finds containers created by an earlier pass: neither pull nor create
        // them again. A new task skips the look, which would cost an engine call per container.
        boolean relaunch = task.lastStatus() == TaskStatus.PENDING;
        for (ContainerDefinition def : LaunchOrder.of(spec)) {
            ContainerState existing = relaunch
                    ? engine.inspect(ContainerLabels.containerName(task, def.name())).orElse(null) : null;
            boolean startsHere = existing == null || (!existing.running() && "created".equals(existing.status()));
            LaunchSecrets.Resolved secrets = LaunchSecrets.Resolved.NONE;
            if (startsHere) {
                // Read now, not at placement: a secret changed since then is what the container gets.
                LaunchSecrets.Outcome outcome = LaunchSecrets.resolve(def, clusters);
                if (outcome.failure() != null) {
                    return fail(engine, created, outcome.failure(), spec, pulls);
                }
                secrets = outcome.resolved();
                versions = versions.plus(secrets.versions());
            }
            String id;
            if (existing != null) {
                id = existing.id();
                created.add(id);
            } else {
                Instant pullStart = clock.instant();
                PullOutcome pull = pull(def, engine);
                if (pull.attempted()) {
                    pulls = PullWindow.widen(pulls, pullStart, clock.instant());
                }
                if (pull.failure() != null) {
                    return fail(engine, created, pull.failure(), spec, pulls);
                }
                try {
                    id = engine.create(specs.specFor(task, spec, def, secrets.environment()));
                    created.add(id);
                } catch (EngineException e) {
                    rethrowIfHostTrouble(e);
                    return fail(engine, created, LaunchFailures.cannotCreate(e.getMessage()), spec, pulls);
                }
            }
            // A container this launch just created has not started: asking the engine would cost a call that the
            // engine serialises with the starts of the other tasks of the rollout.
            ContainerState state = existing;
            boolean notStarted = state == null || (!state.running() && "created".equals(state.status()));
            if (notStarted) {
                try {
                    // Before the start, also on a relaunch: a crash may have come between the create and the writes.
                    for (LaunchSecrets.FileContent file : secrets.files()) {
                        engine.writeFile(id, file.file().path(), file.content(), file.file().mode(), file.file().uid(),
                                file.file().gid());
                    }
                } catch (EngineException e) {
                    rethrowIfHostTrouble(e);
                    return fail(engine, created, "ResourceInitializationError: container " + def.name()
                            + ": cannot write its files: " + e.getMessage(), spec, pulls);
                }
                switch (DependencyConditions.evaluate(def, ObservedContainers.byName(states), task.createdAt(), clock.instant())) {
                    case DependencyConditions.Verdict.Fail f -> {
                        // Containers later in the order may exist from earlier passes: they go too.
                        engine.list(Map.of(ContainerLabels.TASK_ID, task.id().toString())).stream()
                                .map(ContainerState::id).filter(c -> !created.contains(c)).forEach(created::add);
                        return fail(engine, created, f.reason(), spec, pulls);
                    }
                    case DependencyConditions.Verdict.Wait w -> waitingFor = waitingFor == null ? w.waitingFor() : waitingFor;
                    case DependencyConditions.Verdict.Start s -> {
                        try {
                            engine.start(id);
                        } catch (EngineException e) {
                            rethrowIfHostTrouble(e);
                            return fail(engine, created, LaunchFailures.cannotStart(e.getMessage()), spec, pulls);
                        }
                        state = startedState(def, id, engine);
                    }
                }
            }
            if (state != null) {
                states.put(def.name(), state);
            }
            containers.add(describe(def, id, state));
        }
        if (waitingFor != null) {
            return new LaunchResult.Waiting(containers, waitingFor, pulls, versions);
        }
        return new LaunchResult.Started(containers, clock.instant(), pulls, versions);
    }

    /**
     * The container's state right after a successful start. Only published ports need the engine's answer (a dynamic
     * host port is known only to it); otherwise a start the engine accepted means running, with its health check,
     * if any, starting. Not asking saves an engine call per launch that the engine serialises with the other starts
     * of a rollout; if the container dies at once, its die event wakes the service and the next pass sees the exit.
     */
    private ContainerState startedState(ContainerDefinition def, String id, DockerEngine engine) {
        if (!def.portMappings().isEmpty()) {
            return engine.inspect(id).orElse(null);
        }
        return new ContainerState(id, null, def.image(), Map.of(), "running", true, null, false,
                def.healthCheck() == null ? ContainerState.Health.NONE : ContainerState.Health.STARTING,
                null, List.of(), clock.instant(), null);
    }

    /**
     * What making one container's image available did: whether an image pull happened (it pulled, or a pull was
     * needed and failed), and the task's stoppedReason when the image cannot be had (null = it can).
     */
    private record PullOutcome(boolean attempted, String failure) {
    }

    /** Makes the image available (with its stored credential). */
    private PullOutcome pull(ContainerDefinition def, DockerEngine engine) {
        String credentialName = def.options().credentialsParameter();
        RegistryAuth auth = null;
        if (credentialName != null) {
            Optional<RegistryCredential> credential;
            try {
                credential = clusters.credential(credentialName);
            } catch (UnreadableCredentialException e) {
                return new PullOutcome(false, "CannotPullContainerError: container " + def.name() + ": " + e.getMessage());
            }
            if (credential.isEmpty()) {
                return new PullOutcome(false, "CannotPullContainerError: container " + def.name()
                        + ": registry credential \"" + credentialName + "\" does not exist");
            }
            RegistryCredential c = credential.get();
            Optional<String> mismatch = RegistryScope.mismatch(c, def.image());
            if (mismatch.isPresent()) {
                return new PullOutcome(false, "CannotPullContainerError: container " + def.name() + ": "
                        + mismatch.get());
            }
            auth = new RegistryAuth(c.serverAddress(), c.username(), c.password());
        }
        ImageResult image = engine.ensureImage(def.image(), pullPolicy, auth);
        // A failed pull that fell back to the cached image counts as no pull: the task ran from the cache.
        return image.available() ? new PullOutcome(image.pulled(), null)
                : new PullOutcome(true, LaunchFailures.cannotPull(def.image(), image.message()));
    }

    /**
     * The task's own bridge network (multi-container bridge tasks) and its Docker volumes, before any container
     * needs them. Idempotent: a relaunch after a crash finds them in place. Labelled with the task's id, so the
     * instance pass removes them once the task's containers are gone.
     *
     * @return why the task may not be launched (a shared volume that is not Berth's), or null
     */
    private String createNetworkAndVolumes(Task task, TaskDefinitionSpec spec, DockerEngine engine) {
        if (TaskResources.hasOwnNetwork(spec)) {
            engine.createNetwork(TaskResources.networkName(task), TaskResources.labels(task, installation));
        }
        List<TaskOptions.Volume> volumes = spec.options().volumes();
        List<EngineResource> onHost = null;
        for (int v = 0; v < volumes.size(); v++) {
            TaskOptions.Volume volume = volumes.get(v);
            if (volume.hostSourcePath() != null) {
                continue;
            }
            TaskOptions.DockerVolume docker = volume.docker();
            String name = TaskResources.volumeName(task, volume);
            if (docker != null && docker.shared()) {
                // Listed once per launch, and only for tasks with shared volumes.
                onHost = onHost == null ? engine.volumes(Map.of()) : onHost;
                EngineResource existing = onHost.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
                if (existing != null && !TaskResources.isOwnSharedVolume(existing.labels(), installation)) {
                    // Docker's volume create would return the existing volume as it is: autoprovision is no guard.
                    return "TaskDefinitionNotAllowed: volumes[" + v + "].name: shared volume \"" + name + "\" exists "
                            + "on the host but was not created by this Berth installation (it lacks the labels "
                            + ContainerLabels.MANAGED + "=true, " + ContainerLabels.INSTALLATION + "=" + installation
                            + " and " + TaskResources.VOLUME_SCOPE + "=shared); only shared volumes Berth provisioned (autoprovision: true) may be mounted";
                }
                if (existing == null && docker.autoprovision()) {
                    engine.createVolume(name, docker.driver(), docker.driverOpts(),
                            TaskResources.sharedVolumeLabels(docker.labels(), installation));
                } else if (existing == null) {
                    // ECS: a shared volume without autoprovision must already exist on the host.
                    throw new EngineException(EngineException.Kind.NOT_FOUND, "shared volume \"" + name
                            + "\" does not exist on the host and autoprovision is false", null);
                }
            } else {
                Map<String, String> labels = new java.util.LinkedHashMap<>(docker == null ? Map.of() : docker.labels());
                labels.putAll(TaskResources.labels(task, installation));
                engine.createVolume(name, docker == null ? null : docker.driver(),
                        docker == null ? Map.of() : docker.driverOpts(), labels);
            }
        }
        return null;
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
        return new TaskContainer(def.name(), id, running ? TaskStatus.RUNNING : TaskStatus.PENDING, null, null, ports,
                RecordedHealth.of(def, ObservedContainers.of(state)));
    }

    private static LaunchResult fail(DockerEngine engine, List<String> created, String reason, TaskDefinitionSpec spec,
                                     PullWindow pulls) {
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
        return new LaunchResult.Failed(reason, containers, pulls);
    }
}
