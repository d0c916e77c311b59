package io.berth.db.model;

/** What the reconciler wants a task to be. Stored as its name. */
public enum DesiredStatus {
    RUNNING, STOPPED
}
