package io.berth.app.manifest;

import io.berth.reconciler.model.ContainerDependency;
import io.berth.reconciler.model.ContainerOptions;

import java.util.List;
import java.util.Map;

/**
 * Reads the ECS container-definition fields that {@link ContainerOptions} holds, from the same object as the rest of
 * the container (so that unknown-field checking covers them). Type errors only; rules are in
 * {@link ContainerOptionsValidator}.
 */
final class ContainerOptionsReader {

    private final Dialect dialect;

    ContainerOptionsReader(Dialect dialect) {
        this.dialect = dialect;
    }

    /** @param warnings where ECS settings accepted but not acted on are noted */
    ContainerOptions read(ObjectFields fields, List<String> warnings) {
        ContainerOptions.Builder b = ContainerOptions.builder();
        ObjectFields credentials = fields.object("repositoryCredentials");
        if (credentials != null) {
            b.credentialsParameter(credentials.requiredString("credentialsParameter"));
            credentials.rejectUnknown();
        }
        b.workingDirectory(fields.string("workingDirectory"));
        b.dockerLabels(fields.stringMap("dockerLabels"));
        b.user(fields.string("user"));
        b.ulimits(fields.objects("ulimits", u -> {
            String name = u.requiredString("name");
            Long soft = u.require("softLimit") == null ? null : u.longValue("softLimit");
            Long hard = u.require("hardLimit") == null ? null : u.longValue("hardLimit");
            u.rejectUnknown();
            return new ContainerOptions.Ulimit(name == null ? "" : name, soft == null ? 0 : soft, hard == null ? 0 : hard);
        }));
        ObjectFields linux = fields.object("linuxParameters");
        if (linux != null) {
            b.initProcessEnabled(Boolean.TRUE.equals(linux.bool("initProcessEnabled")));
            ObjectFields caps = linux.object("capabilities");
            if (caps != null) {
                b.capabilitiesAdd(caps.stringList("add"));
                b.capabilitiesDrop(caps.stringList("drop"));
                caps.rejectUnknown();
            }
            linux.rejectUnknown();
        }
        b.readonlyRootFilesystem(Boolean.TRUE.equals(fields.bool("readonlyRootFilesystem")));
        b.privileged(Boolean.TRUE.equals(fields.bool("privileged")));
        b.dockerSecurityOptions(fields.stringList("dockerSecurityOptions"));
        b.stopTimeout(dialect.duration(fields, "stopTimeout"));
        ObjectFields log = fields.object("logConfiguration");
        if (log != null) {
            String driver = log.requiredString("logDriver");
            Map<String, String> options = log.stringMap("options");
            if (dialect == Dialect.ECS && driver != null && !ContainerOptionsValidator.LOG_DRIVERS.contains(driver)) {
                // awslogs & co. ship logs to AWS services; the task runs fine with its logs kept on the host.
                log.get("secretOptions");
                warnings.add(fields.path("logConfiguration") + ": log driver \"" + driver + "\" is not available "
                        + "off AWS; the container's logs stay on the host (Docker's default driver)");
            } else {
                b.logConfiguration(new ContainerOptions.LogConfiguration(driver == null ? "" : driver, options));
            }
            log.rejectUnknown();
        }
        b.hostname(fields.string("hostname"));
        b.extraHosts(fields.objects("extraHosts", h -> {
            String host = h.requiredString("hostname");
            String ip = h.requiredString("ipAddress");
            h.rejectUnknown();
            return new ContainerOptions.HostEntry(host == null ? "" : host, ip == null ? "" : ip);
        }));
        List<String> dns = fields.stringList("dnsServers");
        b.dnsServers(dns);
        b.mountPoints(fields.objects("mountPoints", m -> {
            String source = m.requiredString("sourceVolume");
            String target = m.requiredString("containerPath");
            Boolean readOnly = m.bool("readOnly");
            m.rejectUnknown();
            return new ContainerOptions.MountPoint(source == null ? "" : source, target == null ? "" : target,
                    Boolean.TRUE.equals(readOnly));
        }));
        b.volumesFrom(fields.objects("volumesFrom", v -> {
            String source = v.requiredString("sourceContainer");
            Boolean readOnly = v.bool("readOnly");
            v.rejectUnknown();
            return new ContainerOptions.VolumeFrom(source == null ? "" : source, Boolean.TRUE.equals(readOnly));
        }));
        b.links(fields.stringList("links"));
        b.startTimeout(dialect.duration(fields, "startTimeout"));
        b.dependsOn(fields.objects("dependsOn", d -> {
            String name = d.requiredString("containerName");
            String condition = d.requiredString("condition");
            d.rejectUnknown();
            ContainerDependency.Condition parsed = null;
            if (condition != null) {
                try {
                    parsed = ContainerDependency.Condition.valueOf(condition);
                } catch (IllegalArgumentException e) {
                    fields.reject(d.path("condition"), "must be START, COMPLETE, SUCCESS or HEALTHY, got \"" + condition + "\"");
                }
            }
            return new ContainerDependency(name == null ? "" : name,
                    parsed == null ? ContainerDependency.Condition.START : parsed);
        }));
        return b.build();
    }
}
