package io.berth.reconciler.desiredstate;

/**
 * A target group or load balancer as applied.
 *
 * @param specJson   its spec in storage form ({@link io.berth.reconciler.store.TrafficSpecJson})
 * @param labelsJson canonical JSON object of its labels
 */
public record TrafficResourceWrite(String cluster, Kind kind, String name, String specJson, String labelsJson) {

    public enum Kind {
        TARGET_GROUP, LOAD_BALANCER
    }
}
