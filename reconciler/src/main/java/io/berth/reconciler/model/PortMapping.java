package io.berth.reconciler.model;

/**
 * @param hostPort 0 = dynamic (the engine picks a free port)
 * @param protocol "tcp" or "udp"
 */
public record PortMapping(int containerPort, int hostPort, String protocol) {

    public PortMapping {
        protocol = protocol == null ? "tcp" : protocol;
    }

    public boolean isDynamic() {
        return hostPort == 0;
    }
}
