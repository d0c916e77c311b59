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
 *
 * <p>A PostgreSQL restart ends every session, so the lock is free the moment the server is back, while the leader may
 * still be retrying within its deadline, its loop running. A standby that asked first would then lead beside it until
 * the leader's next check: two loops at once. So, as Kubernetes' standbys wait out the lease duration, a standby that
 * lost sight of the database after it last saw the lease held ({@code heldSeenAt}) leaves it to that holder for
 * {@link #holderGrace()} — twice the deadline, as long as the server keeps a silent leader's session
 * ({@link LeaseConnections}) — and asks only after that. While it waits it keeps looking without asking: seeing the
 * lease held again ends the wait ({@code next(TAKEN)}), so that a second restart is waited out from then, not from
 * before the first. A standby that kept seeing the database takes a freed lease
 * at once (the leader stopped or was killed: its session, and with it the lock, is gone).
 */
record LeaseRenewal(Role role, Instant renewedAt, Duration deadline, Instant heldSeenAt, boolean lostSight) {

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

    LeaseRenewal(Role role, Instant renewedAt, Duration deadline) {
        this(role, renewedAt, deadline, null, false);
    }

    static LeaseRenewal standby(Duration deadline) {
        return new LeaseRenewal(Role.STANDBY, null, deadline);
    }

    /** How long after a standby last saw the lease held it leaves a freed lease to that holder, if it lost sight since. */
    Duration holderGrace() {
        return deadline.multipliedBy(2);
    }

    /**
     * False while a standby leaves the lease to the Berth it last saw holding it: it lost sight of the database since
     * (a restart, an outage) and that Berth may still be leading within its renew deadline. Leaders always ask.
     */
    boolean mayAsk(Instant now) {
        return role != Role.STANDBY || !lostSight || heldSeenAt == null || !now.isBefore(heldSeenAt.plus(holderGrace()));
    }

    /** True while the loop should run: leading, or renewing within the deadline. */
    boolean leads() {
        return role != Role.STANDBY;
    }

    Step next(Seen seen, Instant now) {
        if (role == Role.STANDBY) {
            return switch (seen) {
                case HELD -> step(Role.LEADING, now, Action.LEAD);
                case TAKEN -> standby(now, false, Action.NONE);
                case UNREACHABLE -> standby(heldSeenAt, true, Action.NONE);
            };
        }
        return switch (seen) {
            case HELD -> step(Role.LEADING, now, Action.NONE);
            case TAKEN -> standby(now, false, Action.STEP_DOWN);
            case UNREACHABLE -> now.isBefore(renewedAt.plus(deadline))
                    ? step(Role.RENEWING, renewedAt, Action.NONE)
                    : standby(null, false, Action.STEP_DOWN);
        };
    }

    private Step step(Role next, Instant renewed, Action action) {
        return new Step(new LeaseRenewal(next, renewed, deadline), action);
    }

    private Step standby(Instant heldSeen, boolean lost, Action action) {
        return new Step(new LeaseRenewal(Role.STANDBY, null, deadline, heldSeen, lost), action);
    }
}
