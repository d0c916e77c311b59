package io.berth.reconciler.scheduler;

/** A fixed host port a task needs, per protocol: tcp/8080 and udp/8080 do not clash. */
public record HostPort(int port, String protocol) {

    @Override
    public String toString() {
        return port + "/" + protocol;
    }
}
