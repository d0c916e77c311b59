package io.berth.app.discovery;

import io.berth.reconciler.discovery.Endpoint;
import io.berth.reconciler.discovery.Endpoints;

import java.util.List;

/**
 * A service's endpoints as the API and the watch stream show them.
 *
 * @param total     healthy tasks in all; {@code truncated} when more than berth.discovery.max-endpoints are listed
 */
public record EndpointsView(String cluster, String service, List<Address> endpoints, int total, boolean truncated) {

    /**
     * @param address the instance's address (host of its tcp:// engine endpoint, or berth.discovery.local-address)
     */
    public record Address(String taskId, String instanceId, String address, List<Port> ports) {
    }

    /** A container port and the host port it is published on. */
    public record Port(String containerName, int containerPort, String protocol, int hostPort) {
    }

    public static EndpointsView of(Endpoints e) {
        return new EndpointsView(e.cluster(), e.service(), e.endpoints().stream().map(EndpointsView::address).toList(),
                e.total(), e.truncated());
    }

    private static Address address(Endpoint e) {
        return new Address(e.taskId().toString(), e.instanceId().toString(), e.address(), e.ports().stream()
                .map(p -> new Port(p.containerName(), p.containerPort(), p.protocol(), p.hostPort())).toList());
    }
}
