package io.berth.db.model;

/**
 * Health of a task container (STARTING: its check counts for the task and has not passed yet; UNKNOWN: no check
 * that counts, or not running), and of a task (UNKNOWN, HEALTHY or UNHEALTHY). Stored as its name.
 */
public enum ContainerHealth {
    UNKNOWN, STARTING, HEALTHY, UNHEALTHY
}
