package io.berth.reconciler.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ECS container definition beyond image, command, resources, ports and health, with ECS's
 * names. Null / empty / false means "not set" (the engine's default). Built with {@link #builder()}.
 *
 * @param credentialsParameter name of a stored registry credential used to pull the image (ECS's
 *                             {@code repositoryCredentials.credentialsParameter})
 * @param stopTimeout          grace between SIGTERM and SIGKILL when the container is stopped; null = Berth's default
 * @param startTimeout         how long a dependency condition of this container may take to hold
 * @param links                ECS links "name[:alias]": on the task's network the named container is also
 *                             reachable as alias
 * @param dockerSecurityOptions Docker's security options as ECS writes them ("no-new-privileges",
 *                             "apparmor:PROFILE", "seccomp:unconfined", "label:..."); empty = Docker's defaults
 * @param secrets              environment variables whose values come from Berth Secrets (ECS's {@code secrets})
 * @param files                files written from Secrets and Configs into the container before it starts
 */
public record ContainerOptions(
        String credentialsParameter,
        String workingDirectory,
        Map<String, String> dockerLabels,
        String user,
        List<Ulimit> ulimits,
        boolean initProcessEnabled,
        List<String> capabilitiesAdd,
        List<String> capabilitiesDrop,
        boolean readonlyRootFilesystem,
        boolean privileged,
        Duration stopTimeout,
        Duration startTimeout,
        List<MountPoint> mountPoints,
        List<VolumeFrom> volumesFrom,
        LogConfiguration logConfiguration,
        String hostname,
        List<HostEntry> extraHosts,
        List<String> dnsServers,
        List<String> links,
        List<ContainerDependency> dependsOn,
        List<String> dockerSecurityOptions,
        List<SecretReference> secrets,
        List<SecretFile> files) {

    public static final ContainerOptions NONE = builder().build();

    public ContainerOptions {
        dockerLabels = dockerLabels == null ? Map.of() : Map.copyOf(dockerLabels);
        ulimits = copy(ulimits);
        capabilitiesAdd = copy(capabilitiesAdd);
        capabilitiesDrop = copy(capabilitiesDrop);
        mountPoints = copy(mountPoints);
        volumesFrom = copy(volumesFrom);
        extraHosts = copy(extraHosts);
        dnsServers = copy(dnsServers);
        links = copy(links);
        dependsOn = copy(dependsOn);
        dockerSecurityOptions = copy(dockerSecurityOptions);
        secrets = copy(secrets);
        files = copy(files);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().credentialsParameter(credentialsParameter).workingDirectory(workingDirectory)
                .dockerLabels(dockerLabels).user(user).ulimits(ulimits).initProcessEnabled(initProcessEnabled)
                .capabilitiesAdd(capabilitiesAdd).capabilitiesDrop(capabilitiesDrop)
                .readonlyRootFilesystem(readonlyRootFilesystem).privileged(privileged).stopTimeout(stopTimeout)
                .startTimeout(startTimeout).mountPoints(mountPoints).volumesFrom(volumesFrom)
                .logConfiguration(logConfiguration).hostname(hostname).extraHosts(extraHosts).dnsServers(dnsServers)
                .links(links).dependsOn(dependsOn).dockerSecurityOptions(dockerSecurityOptions)
                .secrets(secrets).files(files);
    }

    /** Container name reached through a link "name[:alias]". */
    public static String linkTarget(String link) {
        int colon = link.indexOf(':');
        return colon < 0 ? link : link.substring(0, colon);
    }

    /** The alias of a link "name[:alias]" (the name itself when there is no alias). */
    public static String linkAlias(String link) {
        int colon = link.indexOf(':');
        return colon < 0 ? link : link.substring(colon + 1);
    }

    /** ECS ulimit: name (nofile, nproc, ...) with soft and hard limits. */
    public record Ulimit(String name, long softLimit, long hardLimit) {
    }

    /** Mounts the task volume {@code sourceVolume} at {@code containerPath}. */
    public record MountPoint(String sourceVolume, String containerPath, boolean readOnly) {
    }

    /** Mounts every volume of another container of the same task. */
    public record VolumeFrom(String sourceContainer, boolean readOnly) {
    }

    /** Docker log driver and its options. */
    public record LogConfiguration(String logDriver, Map<String, String> options) {
        public LogConfiguration {
            options = options == null ? Map.of() : Map.copyOf(options);
        }
    }

    /** One /etc/hosts entry. */
    public record HostEntry(String hostname, String ipAddress) {
    }

    public static final class Builder {
        private String credentialsParameter;
        private String workingDirectory;
        private Map<String, String> dockerLabels;
        private String user;
        private List<Ulimit> ulimits;
        private boolean initProcessEnabled;
        private List<String> capabilitiesAdd;
        private List<String> capabilitiesDrop;
        private boolean readonlyRootFilesystem;
        private boolean privileged;
        private Duration stopTimeout;
        private Duration startTimeout;
        private List<MountPoint> mountPoints;
        private List<VolumeFrom> volumesFrom;
        private LogConfiguration logConfiguration;
        private String hostname;
        private List<HostEntry> extraHosts;
        private List<String> dnsServers;
        private List<String> links;
        private List<ContainerDependency> dependsOn;
        private List<String> dockerSecurityOptions;
        private List<SecretReference> secrets;
        private List<SecretFile> files;

        private Builder() {
        }

        public Builder credentialsParameter(String v) { credentialsParameter = v; return this; }
        public Builder workingDirectory(String v) { workingDirectory = v; return this; }
        public Builder dockerLabels(Map<String, String> v) { dockerLabels = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder ulimits(List<Ulimit> v) { ulimits = v; return this; }
        public Builder initProcessEnabled(boolean v) { initProcessEnabled = v; return this; }
        public Builder capabilitiesAdd(List<String> v) { capabilitiesAdd = v; return this; }
        public Builder capabilitiesDrop(List<String> v) { capabilitiesDrop = v; return this; }
        public Builder readonlyRootFilesystem(boolean v) { readonlyRootFilesystem = v; return this; }
        public Builder privileged(boolean v) { privileged = v; return this; }
        public Builder stopTimeout(Duration v) { stopTimeout = v; return this; }
        public Builder startTimeout(Duration v) { startTimeout = v; return this; }
        public Builder mountPoints(List<MountPoint> v) { mountPoints = v; return this; }
        public Builder volumesFrom(List<VolumeFrom> v) { volumesFrom = v; return this; }
        public Builder logConfiguration(LogConfiguration v) { logConfiguration = v; return this; }
        public Builder hostname(String v) { hostname = v; return this; }
        public Builder extraHosts(List<HostEntry> v) { extraHosts = v; return this; }
        public Builder dnsServers(List<String> v) { dnsServers = v; return this; }
        public Builder links(List<String> v) { links = v; return this; }
        public Builder dependsOn(List<ContainerDependency> v) { dependsOn = v; return this; }
        public Builder dockerSecurityOptions(List<String> v) { dockerSecurityOptions = v; return this; }
        public Builder secrets(List<SecretReference> v) { secrets = v; return this; }
        public Builder files(List<SecretFile> v) { files = v; return this; }

        public ContainerOptions build() {
            return new ContainerOptions(credentialsParameter, workingDirectory, dockerLabels, user, ulimits,
                    initProcessEnabled, capabilitiesAdd, capabilitiesDrop, readonlyRootFilesystem, privileged,
                    stopTimeout, startTimeout, mountPoints, volumesFrom, logConfiguration, hostname, extraHosts,
                    dnsServers, links, dependsOn, dockerSecurityOptions, secrets, files);
        }
    }
}
