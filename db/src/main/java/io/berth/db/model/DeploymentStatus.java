package io.berth.db.model;

/** PRIMARY: what the service rolls out or runs. ACTIVE: older, still has tasks. INACTIVE: done. */
public enum DeploymentStatus {
    PRIMARY, ACTIVE, INACTIVE
}
