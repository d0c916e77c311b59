package io.berth.reconciler.hosts;

import io.berth.docker.ContainerSpec;
import io.berth.docker.RuntimeOptions;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ContainerOptions;
import io.berth.reconciler.model.HealthCheck;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Translates a container definition of a task into what the engine is asked to create. Pure. */
public final class ContainerSpecFactory {

    private static final long MIB = 1024L * 1024L;

    private final Duration stopTimeout;
    private final UUID installation;

    public ContainerSpecFactory(Duration stopTimeout, UUID installation) {
        this.stopTimeout = stopTimeout;
        this.installation = installation;
    }

    /** A container of a task: {@code spec} gives the task's network, volumes and the other containers' names. */
    public ContainerSpec specFor(Task task, TaskDefinitionSpec spec, ContainerDefinition def) {
        return specFor(task, spec, def, Map.of());
    }

    /**
     * @param secretEnvironment the values of the container's {@code secrets}, read at launch; they win over a
     *                          plain {@code environment} entry of the same name (validation refuses that anyway)
     */
    public ContainerSpec specFor(Task task, TaskDefinitionSpec spec, ContainerDefinition def,
                                 Map<String, String> secretEnvironment) {
        Map<String, String> environment = def.environment();
        if (!secretEnvironment.isEmpty()) {
            environment = new LinkedHashMap<>(def.environment());
            environment.putAll(secretEnvironment);
        }
        List<ContainerSpec.PortBinding> ports = def.portMappings().stream()
                .map(ContainerSpecFactory::binding).toList();
        ContainerOptions o = def.options();
        return new ContainerSpec(
                ContainerLabels.containerName(task, def.name()),
                def.image(),
                def.command(),
                def.entryPoint(),
                environment,
                labels(task, def),
                def.cpu() == null ? 0 : def.cpu(),
                def.memory() == null ? 0 : def.memory() * MIB,
                def.memoryReservation() == null ? 0 : def.memoryReservation() * MIB,
                ports,
                healthCheck(def.healthCheck()),
                o.initProcessEnabled(),
                stopTimeout(def),
                runtime(o, network(task, spec, def)).mounts(mounts(task, spec, def))
                        .volumesFrom(o.volumesFrom().stream().map(v -> new RuntimeOptions.VolumeFrom(
                                ContainerLabels.containerName(task, v.sourceContainer()), v.readOnly())).toList())
                        .build());
    }

    /** Network mode and the names this container answers to on the task's own network. */
    private record Network(String mode, List<String> aliases) {
    }

    private static Network network(Task task, TaskDefinitionSpec spec, ContainerDefinition def) {
        return switch (spec.options().networkMode()) {
            case HOST -> new Network("host", List.of());
            case NONE -> new Network("none", List.of());
            case BRIDGE -> {
                if (!TaskResources.hasOwnNetwork(spec)) {
                    yield new Network(null, List.of());
                }
                // Reachable by its container name, and by every alias other containers' ECS links give it.
                List<String> aliases = new ArrayList<>(List.of(def.name()));
                for (ContainerDefinition other : spec.containers()) {
                    for (String link : other.options().links()) {
                        String alias = ContainerOptions.linkAlias(link);
                        if (ContainerOptions.linkTarget(link).equals(def.name()) && !aliases.contains(alias)) {
                            aliases.add(alias);
                        }
                    }
                }
                yield new Network(TaskResources.networkName(task), aliases);
            }
        };
    }

    private static List<RuntimeOptions.Mount> mounts(Task task, TaskDefinitionSpec spec, ContainerDefinition def) {
        Map<String, TaskOptions.Volume> volumes = new LinkedHashMap<>();
        spec.options().volumes().forEach(v -> volumes.put(v.name(), v));
        List<RuntimeOptions.Mount> mounts = new ArrayList<>();
        for (ContainerOptions.MountPoint m : def.options().mountPoints()) {
            TaskOptions.Volume volume = volumes.get(m.sourceVolume());
            if (volume == null) {
                throw new IllegalArgumentException("mount point names volume \"" + m.sourceVolume()
                        + "\" which the task definition lacks; validation should have refused it");
            }
            mounts.add(volume.hostSourcePath() != null
                    ? new RuntimeOptions.Mount(volume.hostSourcePath(), m.containerPath(), m.readOnly(), true)
                    : new RuntimeOptions.Mount(TaskResources.volumeName(task, volume), m.containerPath(), m.readOnly(), false));
        }
        return mounts;
    }

    /** The container's own stopTimeout, else Berth's default: what stopping it waits before SIGKILL. */
    public Duration stopTimeout(ContainerDefinition def) {
        return def.options().stopTimeout() != null ? def.options().stopTimeout() : stopTimeout;
    }

    /** The user's dockerLabels, then Berth's own: Berth's labels are how it finds its containers and must win. */
    private Map<String, String> labels(Task task, ContainerDefinition def) {
        Map<String, String> labels = new LinkedHashMap<>(def.options().dockerLabels());
        labels.putAll(ContainerLabels.of(task, def.name(), installation));
        return labels;
    }

    private static RuntimeOptions.Builder runtime(ContainerOptions o, Network network) {
        var log = o.logConfiguration();
        return RuntimeOptions.builder()
                .networkMode(network.mode())
                .networkAliases(network.aliases())
                .workingDir(o.workingDirectory())
                .user(o.user())
                .hostname(o.hostname())
                .readonlyRootfs(o.readonlyRootFilesystem())
                .privileged(o.privileged())
                .securityOpts(o.dockerSecurityOptions())
                .capAdd(o.capabilitiesAdd())
                .capDrop(o.capabilitiesDrop())
                .ulimits(o.ulimits().stream()
                        .map(u -> new RuntimeOptions.Ulimit(u.name(), u.softLimit(), u.hardLimit())).toList())
                .log(log == null ? null : log.logDriver(), log == null ? null : log.options())
                .extraHosts(o.extraHosts().stream()
                        .map(h -> new RuntimeOptions.HostEntry(h.hostname(), h.ipAddress())).toList())
                .dns(o.dnsServers());
    }

    private static ContainerSpec.PortBinding binding(PortMapping p) {
        return new ContainerSpec.PortBinding(p.containerPort(), p.hostPort(), p.protocol());
    }

    private static ContainerSpec.HealthCheckSpec healthCheck(HealthCheck hc) {
        if (hc == null) {
            return null;
        }
        return new ContainerSpec.HealthCheckSpec(hc.command(), hc.interval(), hc.timeout(), hc.retries(), hc.startPeriod());
    }
}
