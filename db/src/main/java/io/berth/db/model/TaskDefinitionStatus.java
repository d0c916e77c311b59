package io.berth.db.model;

/** Status of a task definition revision; INACTIVE revisions keep running tasks but get no new ones. Stored as its name. */
public enum TaskDefinitionStatus {
    ACTIVE, INACTIVE
}
