package io.berth.reconciler.discovery;

import java.util.List;
import java.util.UUID;

/**
 * One healthy task of a service, as a client reaches it.
 *
 * @param address the instance's address as load balancers use it (an IP literal or a host name)
 * @param ports   every published port of the task's containers, in container order
 */
public record Endpoint(UUID taskId, UUID instanceId, String address, List<Port> ports) {

    public Endpoint {
        ports = List.copyOf(ports);
    }

    /**
     * A container port and the host port the engine published it on.
     *
     * @param protocol "tcp" or "udp"
     */
    public record Port(String containerName, int containerPort, String protocol, int hostPort) {
    }
}
