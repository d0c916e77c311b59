package io.berth.reconciler.autoscaling;

import java.time.Instant;

/**
 * Where one scheduled action stands, kept in PostgreSQL so that a new leader or a restarted Berth neither fires it
 * again nor forgets the range it set.
 *
 * @param armedAt when Berth first saw the action: firings before it are not its own (an action added at noon does
 *                not fire its 07:00 of that morning)
 * @param firedAt the latest firing time applied; null: never fired
 */
public record ActionState(Instant armedAt, Instant firedAt) {

    /** Firings after this one are due. */
    public Instant since() {
        return firedAt != null && firedAt.isAfter(armedAt) ? firedAt : armedAt;
    }
}
