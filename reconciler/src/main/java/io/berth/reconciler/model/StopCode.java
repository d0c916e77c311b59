package io.berth.reconciler.model;

/** Why a task stopped, with ECS's stop codes. */
public enum StopCode {
    /** A container could not be pulled, created or started. */
    TaskFailedToStart,
    /** An essential container exited (or was killed, or disappeared). */
    EssentialContainerExited,
    /**
     * An essential container's health check reported unhealthy after the service's healthCheckGracePeriod:
     * the service scheduler stopped the task to replace it (ECS: "Task failed container health checks").
     */
    TaskFailedHealthChecks,
    /**
     * A load balancer's health checks marked the task's target unhealthy in one of its target groups after the
     * service's healthCheckGracePeriod: the service scheduler stopped the task to replace it (ECS: "Task failed ELB
     * health checks in (target-group ...)").
     */
    TaskFailedElbHealthChecks,
    /** The service scheduler stopped it (scale-in, service deleted). */
    ServiceSchedulerInitiated,
    /** A user asked for it. */
    UserInitiated,
    /** Its host was lost. */
    HostLost;

    /** Whether the task failed by itself: what a deployment's circuit breaker counts (a host loss or a stop is no failure). */
    public boolean isFailure() {
        return this == TaskFailedToStart || this == EssentialContainerExited || this == TaskFailedHealthChecks
                || this == TaskFailedElbHealthChecks;
    }
}
