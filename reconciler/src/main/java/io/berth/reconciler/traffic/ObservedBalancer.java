package io.berth.reconciler.traffic;

import java.util.Objects;
import java.util.UUID;

/**
 * An HAProxy container Berth runs, as its engine lists it.
 *
 * @param configHash hash of the configuration it last received: the executor's memory of its last write, else
 *                   the label set when the container was created (so after a leader change at most one reload is
 *                   spent on a configuration that did not change); null when unknown
 */
public record ObservedBalancer(String containerId, UUID instanceId, String loadBalancer, boolean running,
                               String configHash) {

    public ObservedBalancer {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(loadBalancer, "loadBalancer");
    }
}
