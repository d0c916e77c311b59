package io.berth.reconciler.policy;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a cluster lets task definitions ask of its hosts. Everything that weakens the isolation between a container
 * and its host is denied unless the cluster's operator allowed it: the default is {@link #DENY_ALL}.
 *
 * @param allowedCapabilities Linux capabilities that {@code linuxParameters.capabilities.add} may name (upper case,
 *                            without "CAP_"); "ALL" allows every one
 */
public record ClusterPolicy(boolean allowPrivileged, Set<String> allowedCapabilities, boolean allowHostNetwork,
                            boolean allowHostPaths) {

    public static final ClusterPolicy DENY_ALL = new ClusterPolicy(false, Set.of(), false, false);

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
