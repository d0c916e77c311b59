package io.berth.docker;

import java.util.List;
import java.util.Map;

/**
 * The less common parts of a container's configuration (Docker's create options beyond image, command,
 * resources, ports and health). Null / empty means "engine default". Built with {@link #builder()}.
 *
 * @param workingDir     working directory of the process
 * @param user           user[:group] the process runs as
 * @param hostname       the container's hostname
 * @param readonlyRootfs mount the root filesystem read-only
 * @param privileged     full access to the host's devices
 * @param capAdd         Linux capabilities added, names without "CAP_" (e.g. NET_ADMIN)
 * @param capDrop        Linux capabilities dropped
 * @param ulimits        resource limits of the process
 * @param mounts         named volumes and host paths mounted into the container
 * @param volumesFrom    containers whose volumes are mounted as well
 * @param logDriver      Docker log driver (json-file, local, ...), null = the engine's default
 * @param logOptions     options of the log driver
 * @param extraHosts     extra /etc/hosts lines
 * @param dns            DNS servers
 * @param networkMode    "bridge" (null), "host", "none" or the name of a user-defined network
 * @param networkAliases names under which the container is reachable on {@code networkMode}'s network (a
 *                       user-defined network: Docker's default bridge has no aliases)
 * @param securityOpts   Docker's security options ("no-new-privileges", "apparmor=PROFILE", ...)
 */
public record RuntimeOptions(
        String workingDir,
        String user,
        String hostname,
        boolean readonlyRootfs,
        boolean privileged,
        List<String> capAdd,
        List<String> capDrop,
        List<Ulimit> ulimits,
        List<Mount> mounts,
        List<VolumeFrom> volumesFrom,
        String logDriver,
        Map<String, String> logOptions,
        List<HostEntry> extraHosts,
        List<String> dns,
        String networkMode,
        List<String> networkAliases,
        List<String> securityOpts) {

    public static final RuntimeOptions NONE = builder().build();

    public RuntimeOptions {
        capAdd = copy(capAdd);
        capDrop = copy(capDrop);
        ulimits = copy(ulimits);
        mounts = copy(mounts);
        volumesFrom = copy(volumesFrom);
        logOptions = logOptions == null ? Map.of() : Map.copyOf(logOptions);
        extraHosts = copy(extraHosts);
        dns = copy(dns);
        networkAliases = copy(networkAliases);
        securityOpts = copy(securityOpts);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A process resource limit, e.g. nofile 1024/2048. */
    public record Ulimit(String name, long soft, long hard) {
    }

    /**
     * A mount. {@code bind} true = {@code source} is a host path; false = a named Docker volume (created by the
     * engine on first use when it does not exist).
     */
    public record Mount(String source, String target, boolean readOnly, boolean bind) {
    }

    /** Mount every volume of another container (by name or id). */
    public record VolumeFrom(String container, boolean readOnly) {
    }

    /** One /etc/hosts line. */
    public record HostEntry(String hostname, String ipAddress) {
    }

    public static final class Builder {
        private String workingDir;
        private String user;
        private String hostname;
        private boolean readonlyRootfs;
        private boolean privileged;
        private List<String> capAdd;
        private List<String> capDrop;
        private List<Ulimit> ulimits;
        private List<Mount> mounts;
        private List<VolumeFrom> volumesFrom;
        private String logDriver;
        private Map<String, String> logOptions;
        private List<HostEntry> extraHosts;
        private List<String> dns;
        private String networkMode;
        private List<String> networkAliases;
        private List<String> securityOpts;

        private Builder() {
        }

        public Builder workingDir(String v) { workingDir = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder hostname(String v) { hostname = v; return this; }
        public Builder readonlyRootfs(boolean v) { readonlyRootfs = v; return this; }
        public Builder privileged(boolean v) { privileged = v; return this; }
        public Builder capAdd(List<String> v) { capAdd = v; return this; }
        public Builder capDrop(List<String> v) { capDrop = v; return this; }
        public Builder ulimits(List<Ulimit> v) { ulimits = v; return this; }
        public Builder mounts(List<Mount> v) { mounts = v; return this; }
        public Builder volumesFrom(List<VolumeFrom> v) { volumesFrom = v; return this; }
        public Builder log(String driver, Map<String, String> options) { logDriver = driver; logOptions = options; return this; }
        public Builder extraHosts(List<HostEntry> v) { extraHosts = v; return this; }
        public Builder dns(List<String> v) { dns = v; return this; }
        public Builder networkMode(String v) { networkMode = v; return this; }
        public Builder networkAliases(List<String> v) { networkAliases = v; return this; }
        public Builder securityOpts(List<String> v) { securityOpts = v; return this; }

        public RuntimeOptions build() {
            return new RuntimeOptions(workingDir, user, hostname, readonlyRootfs, privileged, capAdd, capDrop, ulimits,
                    mounts, volumesFrom, logDriver, logOptions, extraHosts, dns, networkMode, networkAliases,
                    securityOpts);
        }
    }
}
