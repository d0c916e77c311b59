package io.berth.reconciler.model;

/** Why a task stopped, with ECS's stop codes. */
public enum StopCode {
    /** A container could not be pulled, created or started. */
    TaskFailedToStart,
    /** An essential container exited (or was killed, or disappeared). */
    EssentialContainerExited,
    /** The service scheduler stopped it (scale-in, service deleted). */
    ServiceSchedulerInitiated,
    /** A user asked for it. */
    UserInitiated,
    /** Its host was lost. */
    HostLost
}
