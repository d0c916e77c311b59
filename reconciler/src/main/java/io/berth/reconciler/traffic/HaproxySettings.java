package io.berth.reconciler.traffic;

import java.time.Duration;
import java.util.Objects;

/**
 * The parts of an HAProxy configuration that do not come from manifests: where the runtime API socket and the
 * server-state file live inside the container, and the proxy-wide timeouts.
 *
 * @param statsSocket     unix socket of the runtime API (reading health back, drain/ready, "show servers state")
 * @param serverStateFile where "show servers state" is saved before a reload and loaded by the new process
 * @param hardStopAfter   the longest an old process may keep serving its connections after a reload; at least the
 *                        longest deregistration delay of the groups is used
 */
public record HaproxySettings(String statsSocket, String serverStateFile, Duration hardStopAfter,
                              Duration connectTimeout, Duration clientTimeout, Duration serverTimeout,
                              Duration httpRequestTimeout, Duration queueTimeout, int retries) {

    /** The image Berth runs as a load balancer; scripts/ensure-haproxy-image.sh builds it when none can be pulled. */
    public static final String IMAGE = "berth/haproxy:2.6";
    /** Where the image's CMD reads its configuration. */
    public static final String CONFIG_PATH = "/usr/local/etc/haproxy/haproxy.cfg";

    public static final HaproxySettings DEFAULTS = new HaproxySettings("/run/haproxy/admin.sock",
            "/run/haproxy/server-state", Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofSeconds(60),
            Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(30), 3);

    public HaproxySettings {
        Objects.requireNonNull(statsSocket);
        Objects.requireNonNull(serverStateFile);
        for (String path : new String[] {statsSocket, serverStateFile}) {
            if (!path.matches("/[A-Za-z0-9._/-]{1,100}")) {
                throw new IllegalArgumentException("path " + TrafficNames.quoteForMessage(path) + " is not a plain absolute path");
            }
        }
        for (Duration d : new Duration[] {hardStopAfter, connectTimeout, clientTimeout, serverTimeout,
                httpRequestTimeout, queueTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("HAProxy timeouts must be positive");
            }
        }
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("retries must be between 0 and 10");
        }
    }
}
