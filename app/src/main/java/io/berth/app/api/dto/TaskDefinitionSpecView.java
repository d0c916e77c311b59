package io.berth.app.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * A task definition spec as a manifest writes it. Absent and empty fields are left out, and durations
 * are text ("30s"), so the output reads like what was applied.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TaskDefinitionSpecView(List<Container> containers, Integer cpu, Integer memory, String networkMode,
                                     List<Volume> volumes, Map<String, String> tags,
                                     List<PlacementItemView> placementConstraints) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Volume(String name, Host host, DockerVolumeConfiguration dockerVolumeConfiguration) {
    }

    public record Host(String sourcePath) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record DockerVolumeConfiguration(String scope, Boolean autoprovision, String driver,
                                            Map<String, String> driverOpts, Map<String, String> labels) {
    }

    public record MountPoint(String sourceVolume, String containerPath, boolean readOnly) {
    }

    public record VolumeFrom(String sourceContainer, boolean readOnly) {
    }

    public record Dependency(String containerName, String condition) {
    }


    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Container(String name, String image, List<String> command, List<String> entryPoint,
                            Map<String, String> environment, Integer cpu, Integer memory, Integer memoryReservation,
                            Boolean essential, List<PortMapping> portMappings, HealthCheck healthCheck,
                            RepositoryCredentials repositoryCredentials, String workingDirectory,
                            Map<String, String> dockerLabels, String user, List<Ulimit> ulimits,
                            LinuxParameters linuxParameters, Boolean readonlyRootFilesystem, Boolean privileged,
                            String stopTimeout, LogConfiguration logConfiguration, String hostname,
                            List<HostEntry> extraHosts, List<String> dnsServers, List<MountPoint> mountPoints,
                            List<VolumeFrom> volumesFrom, List<String> links, String startTimeout,
                            List<Dependency> dependsOn, List<String> dockerSecurityOptions, List<SecretRef> secrets,
                            List<File> files) {
    }

    /** ECS's {@code secrets} entry: where the value comes from, never the value. */
    public record SecretRef(String name, String valueFrom) {
    }

    /** A file written from a secret or config before the container starts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record File(String path, String secret, String config, String key, String mode, Integer uid, Integer gid) {
    }

    public record RepositoryCredentials(String credentialsParameter) {
    }

    public record Ulimit(String name, long softLimit, long hardLimit) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record LinuxParameters(Boolean initProcessEnabled, Capabilities capabilities) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Capabilities(List<String> add, List<String> drop) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record LogConfiguration(String logDriver, Map<String, String> options) {
    }

    public record HostEntry(String hostname, String ipAddress) {
    }

    public record PortMapping(int containerPort, int hostPort, String protocol) {
    }

    public record HealthCheck(List<String> command, String interval, String timeout, int retries,
                              String startPeriod) {
    }
}
