package io.berth.reconciler.pass;

/**
 * The placement lock of a cluster could not be had within its bound: nothing was decided or stored; a pass is
 * retried with backoff, an API call may be repeated.
 */
public final class ClusterBusyException extends RuntimeException {

    private final String cluster;

    public ClusterBusyException(String cluster, String message) {
        super(message);
        this.cluster = cluster;
    }

    public String cluster() {
        return cluster;
    }
}
