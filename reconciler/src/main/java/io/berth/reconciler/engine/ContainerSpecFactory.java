package io.berth.reconciler.engine;

import io.berth.docker.ContainerSpec;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.HealthCheck;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.Task;

import java.time.Duration;
import java.util.List;
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
        return new ContainerSpec(
                ContainerLabels.containerName(task, def.name()),
                def.image(),
                def.command(),
                def.entryPoint(),
                def.environment(),
                ContainerLabels.of(task, def.name(), installation),
                def.cpu() == null ? 0 : def.cpu(),
                def.memory() == null ? 0 : def.memory() * MIB,
                def.memoryReservation() == null ? 0 : def.memoryReservation() * MIB,
                ports,
                healthCheck(def.healthCheck()),
                false,
                stopTimeout);
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
