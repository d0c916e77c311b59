package io.berth.reconciler.plan;

import io.berth.reconciler.model.ObservedContainer;

/** Docker's many container states folded into what the planner decides on. */
enum ContainerPhase {
    MISSING, NOT_STARTED, RUNNING, EXITED;

    static ContainerPhase of(ObservedContainer state) {
        if (state == null) {
            return MISSING;
        }
        return switch (state.status()) {
            case "created" -> NOT_STARTED;
            case "running", "restarting", "paused" -> RUNNING;
            default -> EXITED; // exited, dead, removing
        };
    }
}
