package io.berth.reconciler.model;

import java.time.Instant;

/**
 * Where a task being stopped stands in its load balancers' connection draining, as stored.
 *
 * @param stoppingAt     when its stop was asked for (desiredStatus STOPPED); null when the stop is decided only now
 * @param deregisteredAt when every reachable HAProxy that carries it was seen giving it no new requests; null until then
 * @param drainedAt      when, after that, none of them had a request of it in flight; null until then
 */
public record TaskDrain(Instant stoppingAt, Instant deregisteredAt, Instant drainedAt) {

    /** A stop decided in this pass: nothing is stored yet. */
    public static final TaskDrain NOT_STARTED = new TaskDrain(null, null, null);
}
