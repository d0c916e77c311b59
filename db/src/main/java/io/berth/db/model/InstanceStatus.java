package io.berth.db.model;

/** Status of a container instance (Docker host). Stored as its name. */
public enum InstanceStatus {
    ACTIVE, DRAINING, INACTIVE
}
