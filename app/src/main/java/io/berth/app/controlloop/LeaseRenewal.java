package io.berth.app.controlloop;

import java.time.Duration;
import java.time.Instant;

/**
 * What a Berth does with the control-loop lease after one look at it: pure (role, what the look saw, now) → next
 * role and action, so that the renew deadline is tested in virtual time.
 *
 * <p>As Kubernetes' leader election's renewDeadline: a leader whose lease check fails keeps leading — and its loop
 * running — while it retries, for up to {@code deadline} after its last successful renewal; a PostgreSQL restart or a
 * stall of a few seconds is a blip, not a change of leader. It steps down at once when the lock is someone else's
 * (taking it back is only safe while no one else holds it, and the advisory lock tells), or when the deadline passes
 * without an answer: it stops its loop and stands by like any standby. It never exits the process.
 */
record LeaseRenewal(Role role, Instant renewedAt, Duration deadline) {

    enum Role { STANDBY, LEADING, RENEWING }

    /** What one look at the lease saw. */
    enum Seen {
        /** This Berth holds the lock (kept on its connection, or taken again on a new one). */
        HELD,
        /** Another session holds the lock. */
        TAKEN,
        /** The database did not answer (or our own old session still holds the lock: asked to end). */
        UNREACHABLE
    }

    enum Action { NONE, LEAD, STEP_DOWN }

    record Step(LeaseRenewal next, Action action) {
    }

    static LeaseRenewal standby(Duration deadline) {
        return new LeaseRenewal(Role.STANDBY, null, deadline);
    }

    /** True while the loop should run: leading, or renewing within the deadline. */
    boolean leads() {
        return role != Role.STANDBY;
    }

    Step next(Seen seen, Instant now) {
        if (role == Role.STANDBY) {
            return seen == Seen.HELD ? step(Role.LEADING, now, Action.LEAD) : step(Role.STANDBY, null, Action.NONE);
        }
        return switch (seen) {
            case HELD -> step(Role.LEADING, now, Action.NONE);
            case TAKEN -> step(Role.STANDBY, null, Action.STEP_DOWN);
            case UNREACHABLE -> now.isBefore(renewedAt.plus(deadline))
                    ? step(Role.RENEWING, renewedAt, Action.NONE)
                    : step(Role.STANDBY, null, Action.STEP_DOWN);
        };
    }

    private Step step(Role next, Instant renewed, Action action) {
        return new Step(new LeaseRenewal(next, renewed, deadline), action);
    }
}
