package io.berth.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** {@link ContainerSpec} → docker-java create command. Pure mapping, no engine calls. */
final class SpecMapper {

    private SpecMapper() {
    }

    static CreateContainerCmd apply(ContainerSpec spec, CreateContainerCmd cmd) {
        if (spec.name() != null && !spec.name().isBlank()) {
            cmd.withName(spec.name());
        }
        if (!spec.command().isEmpty()) {
            cmd.withCmd(spec.command());
        }
        if (!spec.entrypoint().isEmpty()) {
            cmd.withEntrypoint(spec.entrypoint());
        }
        if (!spec.env().isEmpty()) {
            cmd.withEnv(env(spec));
        }
        cmd.withLabels(spec.labels());
        List<ExposedPort> exposed = exposedPorts(spec);
        if (!exposed.isEmpty()) {
            cmd.withExposedPorts(exposed);
        }
        HealthCheck health = healthCheck(spec.healthCheck());
        if (health != null) {
            cmd.withHealthcheck(health);
        }
        if (spec.stopTimeout() != null) {
            cmd.withStopTimeout(seconds(spec.stopTimeout()));
        }
        RuntimeOptions o = spec.options();
        if (o.workingDir() != null) cmd.withWorkingDir(o.workingDir());
        if (o.user() != null) cmd.withUser(o.user());
        if (o.hostname() != null) cmd.withHostName(o.hostname());
        if (!o.networkAliases().isEmpty()) cmd.withAliases(o.networkAliases());
        return cmd.withHostConfig(hostConfig(spec));
    }

    static List<String> env(ContainerSpec spec) {
        return spec.env().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey()) // stable order: easier to read in `docker inspect`
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
    }

    static List<ExposedPort> exposedPorts(ContainerSpec spec) {
        return spec.ports().stream().map(SpecMapper::exposedPort).toList();
    }

    static HostConfig hostConfig(ContainerSpec spec) {
        // The orchestrator decides about restarts (new task), so the engine must never restart on its own.
        HostConfig host = HostConfig.newHostConfig().withRestartPolicy(RestartPolicy.noRestart());
        if (spec.cpuShares() > 0) {
            host.withCpuShares(Math.toIntExact(spec.cpuShares()));
        }
        if (spec.memoryBytes() > 0) {
            // Swap = memory: a hard limit means the workload is OOM-killed at the limit instead of swapping.
            host.withMemory(spec.memoryBytes()).withMemorySwap(spec.memoryBytes());
        }
        if (spec.memoryReservationBytes() > 0) {
            host.withMemoryReservation(spec.memoryReservationBytes());
        }
        if (spec.init()) {
            host.withInit(true);
        }
        if (!spec.ports().isEmpty()) {
            Ports bindings = new Ports();
            for (ContainerSpec.PortBinding p : spec.ports()) {
                // Binding.empty(): no host port → the engine picks a free one (dynamic port).
                bindings.bind(exposedPort(p), p.hostPort() == 0 ? Ports.Binding.empty() : Ports.Binding.bindPort(p.hostPort()));
            }
            host.withPortBindings(bindings);
        }
        return RuntimeMapper.apply(spec.options(), host);
    }

    static HealthCheck healthCheck(ContainerSpec.HealthCheckSpec spec) {
        if (spec == null || spec.test().isEmpty()) {
            return null;
        }
        HealthCheck check = new HealthCheck().withTest(spec.test());
        if (spec.interval() != null) check.withInterval(spec.interval().toNanos());
        if (spec.timeout() != null) check.withTimeout(spec.timeout().toNanos());
        if (spec.startPeriod() != null) check.withStartPeriod(spec.startPeriod().toNanos());
        if (spec.retries() > 0) check.withRetries(spec.retries());
        return check;
    }

    static ExposedPort exposedPort(ContainerSpec.PortBinding p) {
        String protocol = p.protocol() == null || p.protocol().isBlank() ? "tcp" : p.protocol().toLowerCase(Locale.ROOT);
        return new ExposedPort(p.containerPort(), InternetProtocol.parse(protocol));
    }

    /** Docker takes whole seconds; round up so a 500 ms grace does not become "kill at once". */
    static int seconds(Duration d) {
        long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, s));
    }
}
