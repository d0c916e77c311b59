package io.berth.db.model;

/** Docker health of a task container; UNKNOWN when it has no health check or none ran yet. Stored as its name. */
public enum ContainerHealth {
    UNKNOWN, HEALTHY, UNHEALTHY
}
