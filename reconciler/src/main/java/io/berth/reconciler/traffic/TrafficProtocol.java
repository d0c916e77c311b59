package io.berth.reconciler.traffic;

/**
 * ELBv2's protocols for a target group or a listener: HTTP (an Application Load Balancer: routing by path and host,
 * HTTP health checks, retries of idempotent requests) or TCP (a Network Load Balancer: bytes only, connect checks).
 */
public enum TrafficProtocol {
    HTTP, TCP;

    /** HAProxy's {@code mode} for a frontend or backend of this protocol. */
    String haproxyMode() {
        return this == HTTP ? "http" : "tcp";
    }
}
