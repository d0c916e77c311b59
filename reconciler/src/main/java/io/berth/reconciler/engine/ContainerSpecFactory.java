package io.berth.reconciler.engine;

import io.berth.docker.ContainerSpec;
import io.berth.docker.RuntimeOptions;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ContainerOptions;
import io.berth.reconciler.model.HealthCheck;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.Task;

import java.time.Duration;
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

    public ContainerSpec specFor(Task task, ContainerDefinition def) {
        List<ContainerSpec.PortBinding> ports = def.portMappings().stream()
                .map(ContainerSpecFactory::binding).toList();
        ContainerOptions o = def.options();
        return new ContainerSpec(
                ContainerLabels.containerName(task, def.name()),
                def.image(),
                def.command(),
                def.entryPoint(),
                def.environment(),
                labels(task, def),
                def.cpu() == null ? 0 : def.cpu(),
                def.memory() == null ? 0 : def.memory() * MIB,
                def.memoryReservation() == null ? 0 : def.memoryReservation() * MIB,
                ports,
                healthCheck(def.healthCheck()),
                o.initProcessEnabled(),
                stopTimeout(def),
                runtime(o));
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

    private static RuntimeOptions runtime(ContainerOptions o) {
        var log = o.logConfiguration();
        return RuntimeOptions.builder()
                .workingDir(o.workingDirectory())
                .user(o.user())
                .hostname(o.hostname())
                .readonlyRootfs(o.readonlyRootFilesystem())
                .privileged(o.privileged())
                .capAdd(o.capabilitiesAdd())
                .capDrop(o.capabilitiesDrop())
                .ulimits(o.ulimits().stream()
                        .map(u -> new RuntimeOptions.Ulimit(u.name(), u.softLimit(), u.hardLimit())).toList())
                .log(log == null ? null : log.logDriver(), log == null ? null : log.options())
                .extraHosts(o.extraHosts().stream()
                        .map(h -> new RuntimeOptions.HostEntry(h.hostname(), h.ipAddress())).toList())
                .dns(o.dnsServers())
                .build();
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
