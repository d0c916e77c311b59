package io.berth.app.api;

import io.berth.app.api.dto.PlacementItemView;
import io.berth.app.api.dto.TaskDefinitionSpecView;
import io.berth.app.manifest.DurationText;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerOptions;
import io.berth.reconciler.model.SecretFile;
import io.berth.reconciler.model.HealthCheck;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOptions;

import java.util.Locale;

/**
 * Writes a stored spec back in the manifest's shape, so that what GET returns can be applied again and
 * registers nothing new. Durations become manifest text ("30s"), not ISO-8601.
 */
final class TaskDefinitionSpecRenderer {

    private TaskDefinitionSpecRenderer() {
    }

    /** @param redaction masks environment values whose names look secret */
    static TaskDefinitionSpecView render(TaskDefinitionSpec spec, EnvRedaction redaction) {
        TaskOptions o = spec.options();
        return new TaskDefinitionSpecView(spec.containers().stream().map(c -> container(c, redaction))
                .toList(), spec.cpu(), spec.memory(),
                o.networkMode() == TaskOptions.NetworkMode.BRIDGE ? null : o.networkMode().name().toLowerCase(Locale.ROOT),
                o.volumes().stream().map(TaskDefinitionSpecRenderer::volume).toList(), o.tags(),
                PlacementItemView.constraints(spec.placementConstraints()));
    }

    private static TaskDefinitionSpecView.Volume volume(TaskOptions.Volume v) {
        TaskOptions.DockerVolume d = v.docker();
        return new TaskDefinitionSpecView.Volume(v.name(),
                v.hostSourcePath() == null ? null : new TaskDefinitionSpecView.Host(v.hostSourcePath()),
                d == null ? null : new TaskDefinitionSpecView.DockerVolumeConfiguration(d.scope(),
                        d.autoprovision() ? Boolean.TRUE : null, d.driver(), d.driverOpts(), d.labels()));
    }

    private static TaskDefinitionSpecView.Container container(ContainerDefinition c, EnvRedaction redaction) {
        ContainerOptions o = c.options();
        return new TaskDefinitionSpecView.Container(c.name(), c.image(), c.command(), c.entryPoint(),
                redaction.redact(c.environment()), c.cpu(), c.memory(), c.memoryReservation(), c.essential(),
                c.portMappings().stream()
                        .map(p -> new TaskDefinitionSpecView.PortMapping(p.containerPort(), p.hostPort(), p.protocol()))
                        .toList(),
                healthCheck(c.healthCheck()),
                o.credentialsParameter() == null ? null
                        : new TaskDefinitionSpecView.RepositoryCredentials(o.credentialsParameter()),
                o.workingDirectory(), o.dockerLabels(), o.user(),
                o.ulimits().stream().map(u -> new TaskDefinitionSpecView.Ulimit(u.name(), u.softLimit(), u.hardLimit()))
                        .toList(),
                linuxParameters(o), trueOrNull(o.readonlyRootFilesystem()), trueOrNull(o.privileged()),
                o.stopTimeout() == null ? null : DurationText.format(o.stopTimeout()),
                o.logConfiguration() == null ? null : new TaskDefinitionSpecView.LogConfiguration(
                        o.logConfiguration().logDriver(), o.logConfiguration().options()),
                o.hostname(),
                o.extraHosts().stream().map(h -> new TaskDefinitionSpecView.HostEntry(h.hostname(), h.ipAddress()))
                        .toList(),
                o.dnsServers(),
                o.mountPoints().stream().map(m -> new TaskDefinitionSpecView.MountPoint(m.sourceVolume(),
                        m.containerPath(), m.readOnly())).toList(),
                o.volumesFrom().stream().map(v -> new TaskDefinitionSpecView.VolumeFrom(v.sourceContainer(),
                        v.readOnly())).toList(),
                o.links(),
                o.startTimeout() == null ? null : DurationText.format(o.startTimeout()),
                o.dependsOn().stream().map(d -> new TaskDefinitionSpecView.Dependency(d.containerName(),
                        d.condition().name())).toList(),
                o.dockerSecurityOptions(),
                o.secrets().stream().map(r -> new TaskDefinitionSpecView.SecretRef(r.name(), r.valueFrom())).toList(),
                o.files().stream().map(f -> new TaskDefinitionSpecView.File(f.path(),
                        f.source() == SecretFile.Source.SECRET ? f.name() : null,
                        f.source() == SecretFile.Source.CONFIG ? f.name() : null, f.key(),
                        String.format("%04o", f.mode()), f.uid() == 0 ? null : f.uid(), f.gid() == 0 ? null : f.gid()))
                        .toList());
    }

    /** Flags are written only when set, like the manifest that set them. */
    private static Boolean trueOrNull(boolean flag) {
        return flag ? Boolean.TRUE : null;
    }

    private static TaskDefinitionSpecView.LinuxParameters linuxParameters(ContainerOptions o) {
        boolean caps = !o.capabilitiesAdd().isEmpty() || !o.capabilitiesDrop().isEmpty();
        if (!o.initProcessEnabled() && !caps) {
            return null;
        }
        return new TaskDefinitionSpecView.LinuxParameters(trueOrNull(o.initProcessEnabled()),
                caps ? new TaskDefinitionSpecView.Capabilities(o.capabilitiesAdd(), o.capabilitiesDrop()) : null);
    }

    private static TaskDefinitionSpecView.HealthCheck healthCheck(HealthCheck h) {
        if (h == null) {
            return null;
        }
        return new TaskDefinitionSpecView.HealthCheck(h.command(), DurationText.format(h.interval()),
                DurationText.format(h.timeout()), h.retries(), DurationText.format(h.startPeriod()));
    }
}
