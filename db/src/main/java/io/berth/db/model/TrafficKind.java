package io.berth.db.model;

/** Which traffic resource a {@link TrafficResourceEntity} row is. */
public enum TrafficKind {
    TARGET_GROUP, LOAD_BALANCER
}
