package io.berth.reconciler.policy;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerOptions;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every way out of a container the policy covers: refused under the defaults, allowed by its own setting. */
class TaskPolicyCheckTest {

    private static final ClusterPolicy DEFAULTS = ClusterPolicy.DENY_ALL;

    private static ContainerDefinition container(String image, List<PortMapping> ports, ContainerOptions options) {
        return new ContainerDefinition("main", image, List.of("sleep", "300"), null, Map.of(), null, 64, null, true,
                ports, null, options);
    }

    private static TaskDefinitionSpec task(ContainerDefinition container) {
        return new TaskDefinitionSpec(List.of(container), null, null);
    }

    private static TaskDefinitionSpec volume(TaskOptions.DockerVolume docker) {
        return volumeTask(new TaskOptions.Volume("v", null, docker));
    }

    private static TaskDefinitionSpec volumeTask(TaskOptions.Volume volume) {
        return new TaskDefinitionSpec(List.of(container("busybox:1.36", List.of(), ContainerOptions.NONE)), null,
                null, new TaskOptions(TaskOptions.NetworkMode.BRIDGE, List.of(volume), Map.of()));
    }

    private static TaskDefinitionSpec local(Map<String, String> opts) {
        return volume(new TaskOptions.DockerVolume("task", false, "local", opts, Map.of()));
    }

    private static TaskDefinitionSpec ports(TaskOptions.NetworkMode mode, PortMapping... ports) {
        return new TaskDefinitionSpec(List.of(container("busybox:1.36", List.of(ports), ContainerOptions.NONE)),
                null, null, new TaskOptions(mode, List.of(), Map.of()));
    }

    private static TaskDefinitionSpec user(String user) {
        return task(container("busybox:1.36", List.of(), ContainerOptions.builder().user(user).build()));
    }

    private static TaskDefinitionSpec image(String image) {
        return task(container(image, List.of(), ContainerOptions.NONE));
    }

    private static TaskDefinitionSpec security(String option) {
        return task(container("busybox:1.36", List.of(), ContainerOptions.builder()
                .dockerSecurityOptions(List.of("no-new-privileges", option)).build()));
    }

    /** A definition, the policy it is checked against, the field refused and the words naming the rule. */
    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("bind mount of / through the local driver's options",
                        local(Map.of("type", "none", "o", "bind", "device", "/")), DEFAULTS,
                        "volumes[0].dockerVolumeConfiguration.driverOpts.device", "allowHostPaths is false"),
                Arguments.of("bind flag among other mount options, the device a relative path",
                        local(Map.of("o", "rw,bind", "device", "relative")), DEFAULTS,
                        "volumes[0].dockerVolumeConfiguration.driverOpts.device", "allowHostPaths is false"),
                Arguments.of("bind flag without a device",
                        local(Map.of("o", "rbind")), DEFAULTS,
                        "volumes[0].dockerVolumeConfiguration.driverOpts.o", "allowHostPaths is false"),
                Arguments.of("host block device as the volume's device",
                        local(Map.of("type", "ext4", "device", "/dev/sda1")), DEFAULTS,
                        "volumes[0].dockerVolumeConfiguration.driverOpts.device", "allowHostPaths is false"),
                Arguments.of("any option value that is an absolute path",
                        local(Map.of("mountpoint", "/var/lib/docker")), DEFAULTS,
                        "volumes[0].dockerVolumeConfiguration.driverOpts.mountpoint", "allowHostPaths is false"),
                Arguments.of("host.sourcePath",
                        volumeTask(new TaskOptions.Volume("v", "/etc", null)), DEFAULTS,
                        "volumes[0].host.sourcePath", "allowHostPaths is false"),
                Arguments.of("a volume driver plugin not in the list",
                        volume(new TaskOptions.DockerVolume("task", false, "rexray/ebs", Map.of(), Map.of())), DEFAULTS,
                        "volumes[0].dockerVolumeConfiguration.driver", "allowedVolumeDrivers: [local]"),
                Arguments.of("fixed host port below 1024",
                        ports(TaskOptions.NetworkMode.BRIDGE, new PortMapping(8080, 22, "tcp")), DEFAULTS,
                        "containers[0].portMappings[0].hostPort", "allowLowHostPorts is false"),
                Arguments.of("container port below 1024 on the host's network",
                        ports(TaskOptions.NetworkMode.HOST, new PortMapping(53, 0, "udp")),
                        new ClusterPolicy(false, Set.of(), true, false),
                        "containers[0].portMappings[0].containerPort", "allowLowHostPorts is false"),
                Arguments.of("no user where root is refused (Docker's default user is root)",
                        user(null), DEFAULTS.withRootUser(false),
                        "containers[0].user", "allowRootUser is false"),
                Arguments.of("user root", user("root"), DEFAULTS.withRootUser(false),
                        "containers[0].user", "allowRootUser is false"),
                Arguments.of("uid 0 with a group", user("0:0"), DEFAULTS.withRootUser(false),
                        "containers[0].user", "allowRootUser is false"),
                Arguments.of("image from Docker Hub where only a private registry is allowed",
                        image("busybox:1.36"), DEFAULTS.withRegistries(Set.of("registry.example:5000")),
                        "containers[0].image", "allowedRegistries: [registry.example:5000]"),
                Arguments.of("image from another registry",
                        image("ghcr.io/acme/tool:1"), DEFAULTS.withRegistries(Set.of("docker.io")),
                        "containers[0].image", "allowedRegistries: [docker.io]"),
                Arguments.of("seccomp unconfined", security("seccomp:unconfined"), DEFAULTS,
                        "containers[0].dockerSecurityOptions[1]", "allowUnconfined is false"),
                Arguments.of("AppArmor unconfined, Docker's spelling", security("apparmor=unconfined"), DEFAULTS,
                        "containers[0].dockerSecurityOptions[1]", "allowUnconfined is false"),
                Arguments.of("SELinux labelling off", security("label:disable"), DEFAULTS,
                        "containers[0].dockerSecurityOptions[1]", "allowUnconfined is false"),
                Arguments.of("/proc and /sys unmasked", security("systempaths=unconfined"), DEFAULTS,
                        "containers[0].dockerSecurityOptions[1]", "allowUnconfined is false"),
                Arguments.of("a seccomp profile file of the host", security("seccomp:/etc/profile.json"), DEFAULTS,
                        "containers[0].dockerSecurityOptions[1]", "allowHostPaths is false"),
                Arguments.of("an organisation on Docker Hub is not a registry host",
                        image("acme/tool:1"), DEFAULTS.withRegistries(Set.of("acme")),
                        "containers[0].image", "allowedRegistries: [acme]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedNamingTheFieldAndTheRule(String what, TaskDefinitionSpec spec, ClusterPolicy policy, String field,
                                          String rule) {
        List<PolicyViolation> violations = TaskPolicyCheck.check(spec, policy, "prod");

        assertThat(violations).extracting(PolicyViolation::field).containsExactly(field);
        assertThat(violations.getFirst().message()).contains("is not allowed by the policy of cluster \"prod\"")
                .endsWith("(" + rule + ")");
    }

    /** The same definitions where the policy allows them, and what the defaults let through. */
    static Stream<Arguments> allowed() {
        return Stream.of(
                Arguments.of("bind mount where host paths are allowed",
                        local(Map.of("type", "none", "o", "bind", "device", "/srv")), DEFAULTS.withHostPaths(true)),
                Arguments.of("tmpfs through the local driver", local(Map.of("type", "tmpfs", "device", "tmpfs",
                        "o", "size=64m")), DEFAULTS),
                Arguments.of("NFS export (a remote path, not the host's)",
                        local(Map.of("type", "nfs", "o", "addr=10.0.0.5,rw", "device", ":/exports/data")), DEFAULTS),
                Arguments.of("no driver named means local",
                        volume(new TaskOptions.DockerVolume("task", false, null, Map.of(), Map.of())), DEFAULTS),
                Arguments.of("a listed volume driver",
                        volume(new TaskOptions.DockerVolume("task", false, "rexray/ebs", Map.of(), Map.of())),
                        DEFAULTS.withVolumeDrivers(Set.of("local", "rexray/ebs"))),
                Arguments.of("host port 1024 and up", ports(TaskOptions.NetworkMode.BRIDGE,
                        new PortMapping(80, 8080, "tcp"), new PortMapping(53, 0, "udp")), DEFAULTS),
                Arguments.of("low host port where allowed", ports(TaskOptions.NetworkMode.BRIDGE,
                        new PortMapping(80, 80, "tcp")), DEFAULTS.withLowHostPorts(true)),
                Arguments.of("root by default (Docker's default user)", user(null), DEFAULTS),
                Arguments.of("a non-root uid with root's group", user("1000:0"), DEFAULTS.withRootUser(false)),
                Arguments.of("a named non-root user", user("nobody"), DEFAULTS.withRootUser(false)),
                Arguments.of("unconfined where allowed", security("seccomp:unconfined"),
                        DEFAULTS.withUnconfined(true)),
                Arguments.of("a loaded AppArmor profile", security("apparmor:docker-nginx"), DEFAULTS),
                Arguments.of("any registry when none is listed", image("ghcr.io/acme/tool:1"), DEFAULTS),
                Arguments.of("Docker Hub under its long name", image("index.docker.io/library/busybox:1.36"),
                        DEFAULTS.withRegistries(Set.of("docker.io"))),
                Arguments.of("a registry on localhost", image("localhost:5000/tool"),
                        DEFAULTS.withRegistries(Set.of("LOCALHOST:5000"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void allowed(String what, TaskDefinitionSpec spec, ClusterPolicy policy) {
        assertThat(TaskPolicyCheck.check(spec, policy, "prod")).isEmpty();
    }
}
