package io.berth.app.discovery;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code berth.discovery.*}.
 *
 * @param localAddress  the address of tasks on an instance registered by a local socket (unix://): the engine has no
 *                      network address of its own, and the tasks' ports are published on the host Berth runs on
 * @param maxEndpoints  endpoints listed per service at most (API, watch, DNS); the API says when it cut the list
 * @param resyncInterval how often every service's endpoints are compared with the last ones the watch stream showed,
 *                      besides right after each task, instance or service change
 * @param dns           the DNS server
 */
@ConfigurationProperties("berth.discovery")
public record DiscoveryProperties(String localAddress, Integer maxEndpoints, Duration resyncInterval, Dns dns) {

    public DiscoveryProperties {
        localAddress = localAddress == null || localAddress.isBlank() ? "127.0.0.1" : localAddress.strip();
        maxEndpoints = maxEndpoints == null ? 1000 : maxEndpoints;
        resyncInterval = resyncInterval == null ? Duration.ofSeconds(60) : resyncInterval;
        dns = dns == null ? new Dns(null, null, null, null, null, null) : dns;
        if (maxEndpoints < 1) {
            throw new IllegalArgumentException("berth.discovery.max-endpoints must be >= 1, was " + maxEndpoints);
        }
    }

    /**
     * @param enabled     answer DNS queries at all
     * @param bindAddress the address the UDP and TCP sockets bind (loopback by default, like the API)
     * @param port        UDP and TCP port; 0 picks a free one (tests)
     * @param ttl         TTL of every answer, and of negative answers (SOA minimum): how long resolvers may cache
     * @param domain      the zone: {@code NAME.CLUSTER.DOMAIN.}
     * @param threads     UDP queries answered at once (each reads PostgreSQL; more wait in a short queue and are
     *                    dropped past it: resolvers retry) and, in a pool of their own, TCP connections served at
     *                    once (more are closed)
     */
    public record Dns(Boolean enabled, String bindAddress, Integer port, Duration ttl, String domain, Integer threads) {

        public Dns {
            enabled = enabled == null || enabled;
            bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress.strip();
            port = port == null ? 8600 : port;
            ttl = ttl == null ? Duration.ofSeconds(5) : ttl;
            domain = domain == null || domain.isBlank() ? "berth" : domain.strip();
            threads = threads == null ? 4 : threads;
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("berth.discovery.dns.port must be 0-65535, was " + port);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("berth.discovery.dns.threads must be >= 1, was " + threads);
            }
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("berth.discovery.dns.ttl must not be negative, was " + ttl);
            }
        }
    }
}
