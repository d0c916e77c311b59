package io.berth.docker;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.VolumesFrom;

import java.util.Locale;

/** {@link RuntimeOptions} → Docker's HostConfig. Pure mapping, no engine calls. */
final class RuntimeMapper {

    private RuntimeMapper() {
    }

    static HostConfig apply(RuntimeOptions o, HostConfig host) {
        if (o.readonlyRootfs()) host.withReadonlyRootfs(true);
        if (o.privileged()) host.withPrivileged(true);
        if (!o.securityOpts().isEmpty()) host.withSecurityOpts(o.securityOpts());
        if (!o.capAdd().isEmpty()) host.withCapAdd(o.capAdd().stream().map(RuntimeMapper::capability).toArray(Capability[]::new));
        if (!o.capDrop().isEmpty()) host.withCapDrop(o.capDrop().stream().map(RuntimeMapper::capability).toArray(Capability[]::new));
        if (!o.ulimits().isEmpty()) {
            host.withUlimits(o.ulimits().stream().map(u -> new Ulimit(u.name(), u.soft(), u.hard())).toList());
        }
        if (!o.mounts().isEmpty()) {
            host.withMounts(o.mounts().stream().map(RuntimeMapper::mount).toList());
        }
        if (!o.volumesFrom().isEmpty()) {
            host.withVolumesFrom(o.volumesFrom().stream()
                    .map(v -> new VolumesFrom(v.container(), v.readOnly() ? AccessMode.ro : AccessMode.rw)).toList());
        }
        if (o.logDriver() != null) {
            host.withLogConfig(new LogConfig(LogConfig.LoggingType.fromValue(o.logDriver()), o.logOptions()));
        }
        if (!o.extraHosts().isEmpty()) {
            host.withExtraHosts(o.extraHosts().stream().map(h -> h.hostname() + ":" + h.ipAddress()).toArray(String[]::new));
        }
        if (!o.dns().isEmpty()) host.withDns(o.dns());
        if (o.networkMode() != null) host.withNetworkMode(o.networkMode());
        return host;
    }

    /** Docker accepts "NET_ADMIN" and "CAP_NET_ADMIN"; docker-java's enum has the short names. */
    static Capability capability(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return Capability.valueOf(upper.startsWith("CAP_") ? upper.substring(4) : upper);
    }

    private static Mount mount(RuntimeOptions.Mount m) {
        return new Mount().withType(m.bind() ? MountType.BIND : MountType.VOLUME)
                .withSource(m.source()).withTarget(m.target()).withReadOnly(m.readOnly());
    }
}
