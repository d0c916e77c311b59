package io.berth.db.model;

public enum RolloutState {
    IN_PROGRESS, COMPLETED, FAILED, ROLLED_BACK
}
