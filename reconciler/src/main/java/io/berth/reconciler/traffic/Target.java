package io.berth.reconciler.traffic;

import java.util.Objects;

/**
 * One registered target: a task's container port as the host publishes it.
 *
 * @param draining the target is deregistered and waits out the group's deregistration delay: it keeps its in-flight
 *                 requests but gets no new ones (rendered with HAProxy's drain state, so a reload keeps it so)
 */
public record Target(String taskId, String host, int port, boolean draining) {

    /** IPv4 or IPv6 literal, or a DNS name: what a container instance reports as its address. */
    private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile("[A-Za-z0-9.:-]{1,253}");

    public Target {
        Objects.requireNonNull(taskId, "taskId");
        if (taskId.isEmpty() || taskId.length() > 200 || taskId.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("task id " + TrafficNames.quoteForMessage(taskId)
                    + " must be 1-200 visible ASCII characters");
        }
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("target host " + TrafficNames.quoteForMessage(host)
                    + " is not an address or a DNS name");
        }
        TrafficNames.portProblem(port).ifPresent(p -> {
            throw new IllegalArgumentException("target port " + port + " " + p);
        });
    }

    public Target(String taskId, String host, int port) {
        this(taskId, host, port, false);
    }

    /** host:port as HAProxy reads a server address; IPv6 literals in brackets. */
    String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
