package io.berth.reconciler.desiredstate;

/** How much of a service's event log is kept: older events are trimmed as new ones arrive, whoever appends them. */
public final class ServiceEventRetention {

    /** Events kept per service. */
    public static final int KEPT = 100;

    private ServiceEventRetention() {
    }
}
