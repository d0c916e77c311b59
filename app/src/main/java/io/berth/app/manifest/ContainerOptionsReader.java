package io.berth.app.manifest;

import io.berth.reconciler.model.ContainerOptions;

import java.util.List;

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

    ContainerOptions read(ObjectFields fields) {
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
        b.stopTimeout(dialect.duration(fields, "stopTimeout"));
        ObjectFields log = fields.object("logConfiguration");
        if (log != null) {
            String driver = log.requiredString("logDriver");
            b.logConfiguration(new ContainerOptions.LogConfiguration(driver == null ? "" : driver,
                    log.stringMap("options")));
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
        return b.build();
    }
}
