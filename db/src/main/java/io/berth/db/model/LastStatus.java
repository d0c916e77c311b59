package io.berth.db.model;

/** Last observed status of a task; a task container uses PENDING, RUNNING and STOPPED only. Stored as its name. */
public enum LastStatus {
    PROVISIONING, PENDING, RUNNING, STOPPED
}
