package io.berth.db.model;

/** Why a deployment exists: a new service, a changed revision, an automatic or manual rollback, a restart. */
public enum DeploymentTrigger {
    CREATED, UPDATED, ROLLBACK, RESTART
}
