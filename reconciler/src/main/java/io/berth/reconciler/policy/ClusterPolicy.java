package io.berth.reconciler.policy;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a cluster lets task definitions ask of its hosts. Everything that weakens the isolation between a container
 * and its host is denied unless the cluster's operator allowed it: the default is {@link #DENY_ALL}. Docker sockets
 * are root on their hosts, so every way a container can reach the host (host paths, also through volume driver
 * options, devices, privileged ports, root) is covered here.
 *
 * @param allowedCapabilities  Linux capabilities that {@code linuxParameters.capabilities.add} may name (upper case,
 *                             without "CAP_"); "ALL" allows every one
 * @param allowHostPaths       host paths as volumes: {@code host.sourcePath}, and volume driver options that name a
 *                             host path (a bind, a device, any value starting with "/")
 * @param allowedVolumeDrivers Docker volume drivers a {@code dockerVolumeConfiguration} may name; no driver = "local"
 * @param allowLowHostPorts    fixed host ports below 1024 (the host's privileged ports: ssh, dns, http...)
 * @param allowRootUser        containers running as root; when false every container must set a non-root {@code user}
 * @param allowedRegistries    registries images may come from (host[:port], Docker Hub is "docker.io"); empty = any
 * @param allowUnconfined      dockerSecurityOptions that turn a confinement off (seccomp/apparmor/systempaths
 *                             "unconfined", label "disable"); otherwise Docker's default profiles apply
 * @param allowExec            interactive commands in running containers (the API's exec): off unless allowed, since
 *                             a shell in a container reads its secrets and acts as it on the network
 */
public record ClusterPolicy(boolean allowPrivileged, Set<String> allowedCapabilities, boolean allowHostNetwork,
                            boolean allowHostPaths, Set<String> allowedVolumeDrivers, boolean allowLowHostPorts,
                            boolean allowRootUser, Set<String> allowedRegistries, boolean allowUnconfined,
                            boolean allowExec) {

    /** Docker's built-in driver: a directory under Docker's own data root. */
    public static final String LOCAL_DRIVER = "local";
    public static final Set<String> DEFAULT_VOLUME_DRIVERS = Set.of(LOCAL_DRIVER);
    /** Docker's default user is root: refusing it by default would refuse most images. */
    public static final boolean DEFAULT_ALLOW_ROOT_USER = true;

    public static final ClusterPolicy DENY_ALL = new ClusterPolicy(false, Set.of(), false, false);

    /** A policy with the defaults for every setting beyond privileged mode, capabilities, host network and paths. */
    public ClusterPolicy(boolean allowPrivileged, Set<String> allowedCapabilities, boolean allowHostNetwork,
                         boolean allowHostPaths) {
        this(allowPrivileged, allowedCapabilities, allowHostNetwork, allowHostPaths, DEFAULT_VOLUME_DRIVERS, false,
                DEFAULT_ALLOW_ROOT_USER, Set.of(), false);
    }

    /** A policy without exec, the setting added last. */
    public ClusterPolicy(boolean allowPrivileged, Set<String> allowedCapabilities, boolean allowHostNetwork,
                         boolean allowHostPaths, Set<String> allowedVolumeDrivers, boolean allowLowHostPorts,
                         boolean allowRootUser, Set<String> allowedRegistries, boolean allowUnconfined) {
        this(allowPrivileged, allowedCapabilities, allowHostNetwork, allowHostPaths, allowedVolumeDrivers,
                allowLowHostPorts, allowRootUser, allowedRegistries, allowUnconfined, false);
    }

    /** Linux capabilities as ECS lists them (without "CAP_"), plus "ALL" as Docker accepts it. */
    public static final Set<String> KNOWN_CAPABILITIES = Set.of("ALL", "AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE",
            "BLOCK_SUSPEND", "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK", "IPC_OWNER",
            "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE",
            "NET_BROADCAST", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_ADMIN", "SYS_BOOT",
            "SYS_CHROOT", "SYS_MODULE", "SYS_NICE", "SYS_PACCT", "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE",
            "SYS_TIME", "SYS_TTY_CONFIG", "SYSLOG", "WAKE_ALARM");

    public ClusterPolicy {
        TreeSet<String> normalized = new TreeSet<>();
        if (allowedCapabilities != null) {
            allowedCapabilities.forEach(c -> normalized.add(normalize(c)));
        }
        allowedCapabilities = java.util.Collections.unmodifiableSortedSet(normalized);
        allowedVolumeDrivers = allowedVolumeDrivers == null ? DEFAULT_VOLUME_DRIVERS : sorted(allowedVolumeDrivers);
        allowedRegistries = allowedRegistries == null ? Set.of()
                : sorted(allowedRegistries.stream().map(ImageRegistry::normalize).toList());
    }

    public boolean allowsVolumeDriver(String driver) {
        return allowedVolumeDrivers.contains(driver == null ? LOCAL_DRIVER : driver);
    }

    /** Whether an image may be pulled: from any registry when no list is set, else from one of the list. */
    public boolean allowsImage(String image) {
        return allowedRegistries.isEmpty() || allowedRegistries.contains(ImageRegistry.of(image));
    }

    /** This policy with one setting changed. */
    public ClusterPolicy withVolumeDrivers(Set<String> drivers) {
        return new ClusterPolicy(allowPrivileged, allowedCapabilities, allowHostNetwork, allowHostPaths, drivers,
                allowLowHostPorts, allowRootUser, allowedRegistries, allowUnconfined, allowExec);
    }

    public ClusterPolicy withLowHostPorts(boolean allow) {
        return new ClusterPolicy(allowPrivileged, allowedCapabilities, allowHostNetwork, allowHostPaths,
                allowedVolumeDrivers, allow, allowRootUser, allowedRegistries, allowUnconfined, allowExec);
    }

    public ClusterPolicy withRootUser(boolean allow) {
        return new ClusterPolicy(allowPrivileged, allowedCapabilities, allowHostNetwork, allowHostPaths,
                allowedVolumeDrivers, allowLowHostPorts, allow, allowedRegistries, allowUnconfined, allowExec);
    }

    public ClusterPolicy withRegistries(Set<String> registries) {
        return new ClusterPolicy(allowPrivileged, allowedCapabilities, allowHostNetwork, allowHostPaths,
                allowedVolumeDrivers, allowLowHostPorts, allowRootUser, registries, allowUnconfined, allowExec);
    }

    public ClusterPolicy withHostPaths(boolean allow) {
        return new ClusterPolicy(allowPrivileged, allowedCapabilities, allowHostNetwork, allow, allowedVolumeDrivers,
                allowLowHostPorts, allowRootUser, allowedRegistries, allowUnconfined, allowExec);
    }

    public ClusterPolicy withUnconfined(boolean allow) {
        return new ClusterPolicy(allowPrivileged, allowedCapabilities, allowHostNetwork, allowHostPaths,
                allowedVolumeDrivers, allowLowHostPorts, allowRootUser, allowedRegistries, allow, allowExec);
    }

    public ClusterPolicy withExec(boolean allow) {
        return new ClusterPolicy(allowPrivileged, allowedCapabilities, allowHostNetwork, allowHostPaths,
                allowedVolumeDrivers, allowLowHostPorts, allowRootUser, allowedRegistries, allowUnconfined, allow);
    }

    private static Set<String> sorted(java.util.Collection<String> values) {
        return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }

    public boolean allowsCapability(String capability) {
        return allowedCapabilities.contains("ALL") || allowedCapabilities.contains(normalize(capability));
    }

    /** Docker accepts "NET_ADMIN" and "CAP_NET_ADMIN" alike. */
    public static String normalize(String capability) {
        String upper = capability.toUpperCase(Locale.ROOT);
        return upper.startsWith("CAP_") ? upper.substring(4) : upper;
    }
}
