package io.berth.app.manifest;

import io.berth.reconciler.model.ContainerOptions;
import io.berth.reconciler.policy.ClusterPolicy;
import io.berth.reconciler.policy.SecurityOption;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules for the fields of {@link ContainerOptions}; paths use the ECS field names the reader accepted. */
final class ContainerOptionsValidator {

    /** The ulimit names Docker (and ECS) know. */
    static final Set<String> ULIMITS = Set.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice",
            "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");
    /** Log drivers whose logs stay on the host, readable through Docker: what Berth supports. */
    static final Set<String> LOG_DRIVERS = Set.of("json-file", "local");
    /** ECS's ceiling for stopTimeout. */
    static final Duration MAX_STOP_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    void validate(ContainerOptions o, String path, ErrorCollector errors) {
        if (o.credentialsParameter() != null && o.credentialsParameter().isBlank()) {
            errors.reject(path + ".repositoryCredentials.credentialsParameter", "must name a stored credential");
        }
        if (o.workingDirectory() != null && !o.workingDirectory().startsWith("/")) {
            errors.reject(path + ".workingDirectory", "must be an absolute path, got \"" + o.workingDirectory() + "\"");
        }
        if (o.user() != null && (o.user().isBlank() || o.user().chars().anyMatch(Character::isWhitespace))) {
            errors.reject(path + ".user", "must be user, uid, user:group or uid:gid without spaces");
        }
        o.dockerLabels().keySet().forEach(key -> {
            if (key.isBlank()) {
                errors.reject(path + ".dockerLabels", "label keys must not be blank");
            } else if (key.startsWith("berth.")) {
                errors.reject(path + ".dockerLabels." + key, "keys starting with \"berth.\" are reserved for Berth");
            }
        });
        ulimits(o.ulimits(), path + ".ulimits", errors);
        List<String> security = o.dockerSecurityOptions();
        for (int i = 0; i < security.size(); i++) {
            if (SecurityOption.parse(security.get(i)).isEmpty()) {
                errors.reject(path + ".dockerSecurityOptions[" + i + "]", "must be no-new-privileges[:true|false], "
                        + "seccomp:PROFILE, apparmor:PROFILE, label:VALUE or systempaths:unconfined, got \""
                        + security.get(i) + "\"");
            }
        }
        capabilities(o.capabilitiesAdd(), path + ".linuxParameters.capabilities.add", errors);
        capabilities(o.capabilitiesDrop(), path + ".linuxParameters.capabilities.drop", errors);
        if (o.stopTimeout() != null && o.stopTimeout().compareTo(MAX_STOP_TIMEOUT) > 0) {
            errors.reject(path + ".stopTimeout", "must be at most " + MAX_STOP_TIMEOUT.toSeconds() + " seconds");
        }
        if (o.logConfiguration() != null && !LOG_DRIVERS.contains(o.logConfiguration().logDriver())) {
            errors.reject(path + ".logConfiguration.logDriver", "must be one of " + new java.util.TreeSet<>(LOG_DRIVERS)
                    + ", got \"" + o.logConfiguration().logDriver() + "\"");
        }
        if (o.hostname() != null && !HOSTNAME.matcher(o.hostname()).matches()) {
            errors.reject(path + ".hostname", "must be a valid host name, got \"" + o.hostname() + "\"");
        }
        for (int i = 0; i < o.extraHosts().size(); i++) {
            ContainerOptions.HostEntry h = o.extraHosts().get(i);
            if (!HOSTNAME.matcher(h.hostname()).matches()) {
                errors.reject(path + ".extraHosts[" + i + "].hostname", "must be a valid host name, got \"" + h.hostname() + "\"");
            }
            if (!isIp(h.ipAddress())) {
                errors.reject(path + ".extraHosts[" + i + "].ipAddress", "must be an IP address, got \"" + h.ipAddress() + "\"");
            }
        }
        for (int i = 0; i < o.dnsServers().size(); i++) {
            if (!isIp(o.dnsServers().get(i))) {
                errors.reject(path + ".dnsServers[" + i + "]", "must be an IP address, got \"" + o.dnsServers().get(i) + "\"");
            }
        }
    }

    private static boolean isIp(String text) {
        return IPV4.matcher(text).matches() || IPV6.matcher(text).matches();
    }

    private static void ulimits(List<ContainerOptions.Ulimit> ulimits, String path, ErrorCollector errors) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ulimits.size(); i++) {
            ContainerOptions.Ulimit u = ulimits.get(i);
            String item = path + "[" + i + "]";
            if (!ULIMITS.contains(u.name())) {
                errors.reject(item + ".name", "must be one of " + new java.util.TreeSet<>(ULIMITS) + ", got \"" + u.name() + "\"");
            } else if (!seen.add(u.name())) {
                errors.reject(item + ".name", "duplicate ulimit \"" + u.name() + "\"");
            }
            // -1 is "unlimited" to Docker.
            if (u.softLimit() < -1) {
                errors.reject(item + ".softLimit", "must be >= 0 (or -1 for unlimited)");
            }
            if (u.hardLimit() < -1) {
                errors.reject(item + ".hardLimit", "must be >= 0 (or -1 for unlimited)");
            } else if (u.hardLimit() != -1 && (u.softLimit() == -1 || u.softLimit() > u.hardLimit())) {
                errors.reject(item + ".softLimit", "must be <= hardLimit (" + u.hardLimit() + ")");
            }
        }
    }

    private static void capabilities(List<String> capabilities, String path, ErrorCollector errors) {
        for (int i = 0; i < capabilities.size(); i++) {
            if (!ClusterPolicy.KNOWN_CAPABILITIES.contains(ClusterPolicy.normalize(capabilities.get(i)))) {
                errors.reject(path + "[" + i + "]", "unknown Linux capability \"" + capabilities.get(i) + "\"");
            }
        }
    }
}
