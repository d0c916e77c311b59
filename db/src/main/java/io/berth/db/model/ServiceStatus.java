package io.berth.db.model;

/** Status of a service; DRAINING means it is being deleted and its tasks are stopping. Stored as its name. */
public enum ServiceStatus {
    ACTIVE, DRAINING
}
