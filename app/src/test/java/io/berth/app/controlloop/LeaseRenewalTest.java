package io.berth.app.controlloop;

import io.berth.app.controlloop.LeaseRenewal.Action;
import io.berth.app.controlloop.LeaseRenewal.Role;
import io.berth.app.controlloop.LeaseRenewal.Seen;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The renew deadline's decisions in virtual time: role and what a check saw, seconds after the last renewal. */
class LeaseRenewalTest {

    private static final Instant RENEWED = Instant.parse("2026-12-07T12:00:00Z");
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @ParameterizedTest(name = "{0}, saw {1} after {2}s -> {3}, {4}")
    @CsvSource({
            // a standby takes a free lease, and otherwise waits whatever it saw
            "STANDBY,  HELD,        0,  LEADING,  LEAD",
            "STANDBY,  TAKEN,       0,  STANDBY,  NONE",
            "STANDBY,  UNREACHABLE, 0,  STANDBY,  NONE",
            // a leader's check answered: it renewed
            "LEADING,  HELD,        2,  LEADING,  NONE",
            // a blip: retrying, the loop keeps running, for up to the deadline after the last renewal
            "LEADING,  UNREACHABLE, 2,  RENEWING, NONE",
            "RENEWING, UNREACHABLE, 14, RENEWING, NONE",
            "RENEWING, HELD,        14, LEADING,  NONE",
            // the deadline passed without the lease: step down (not exit)
            "RENEWING, UNREACHABLE, 15, STANDBY,  STEP_DOWN",
            "LEADING,  UNREACHABLE, 30, STANDBY,  STEP_DOWN",
            // someone else holds the lock: step down at once, deadline or not
            "LEADING,  TAKEN,       1,  STANDBY,  STEP_DOWN",
            "RENEWING, TAKEN,       3,  STANDBY,  STEP_DOWN",
    })
    void decides(Role role, Seen seen, long secondsAfterRenewal, Role next, Action action) {
        LeaseRenewal now = new LeaseRenewal(role, role == Role.STANDBY ? null : RENEWED, DEADLINE);

        LeaseRenewal.Step step = now.next(seen, RENEWED.plusSeconds(secondsAfterRenewal));

        assertThat(step.next().role()).isEqualTo(next);
        assertThat(step.action()).isEqualTo(action);
    }

    @Test
    void theDeadlineCountsFromTheLastSuccessfulRenewalNotFromTheFirstFailure() {
        LeaseRenewal leader = LeaseRenewal.standby(DEADLINE).next(Seen.HELD, RENEWED).next();
        LeaseRenewal renewed = leader.next(Seen.HELD, RENEWED.plusSeconds(10)).next();

        LeaseRenewal.Step failing = renewed.next(Seen.UNREACHABLE, RENEWED.plusSeconds(12));
        assertThat(failing.next().role()).isEqualTo(Role.RENEWING);
        LeaseRenewal.Step stillWithin = failing.next().next(Seen.UNREACHABLE, RENEWED.plusSeconds(24));
        assertThat(stillWithin.action()).as("10 s + 15 s deadline not reached").isEqualTo(Action.NONE);
        LeaseRenewal.Step past = stillWithin.next().next(Seen.UNREACHABLE, RENEWED.plusSeconds(25));
        assertThat(past.action()).isEqualTo(Action.STEP_DOWN);
        assertThat(past.next().leads()).isFalse();

        LeaseRenewal.Step again = past.next().next(Seen.HELD, RENEWED.plusSeconds(40));
        assertThat(again.action()).as("a Berth that stepped down leads again like any standby").isEqualTo(Action.LEAD);
    }

    @Test
    void aStandbyThatLostSightOfTheDatabaseLeavesAFreedLeaseToItsHolderForTwiceTheDeadline() {
        LeaseRenewal sawHeld = LeaseRenewal.standby(DEADLINE).next(Seen.TAKEN, RENEWED).next();
        assertThat(sawHeld.mayAsk(RENEWED.plusSeconds(1))).as("the database in sight: it keeps asking").isTrue();

        // PostgreSQL restarts: the standby's look fails; the leader retries within its own deadline meanwhile
        LeaseRenewal blind = sawHeld.next(Seen.UNREACHABLE, RENEWED.plusSeconds(2)).next();
        assertThat(blind.role()).isEqualTo(Role.STANDBY);
        assertThat(blind.mayAsk(RENEWED.plusSeconds(10))).as("back after 10 s: the leader may be taking it back").isFalse();
        assertThat(blind.mayAsk(RENEWED.plusSeconds(29))).isFalse();
        assertThat(blind.mayAsk(RENEWED.plusSeconds(30))).as("twice the deadline: that leader stepped down by now").isTrue();
        assertThat(blind.next(Seen.HELD, RENEWED.plusSeconds(30)).action()).isEqualTo(Action.LEAD);

        LeaseRenewal sawItAgain = blind.next(Seen.TAKEN, RENEWED.plusSeconds(31)).next();
        assertThat(sawItAgain.mayAsk(RENEWED.plusSeconds(32))).as("the holder took it back: in sight again").isTrue();
    }

    @Test
    void aStandbyThatNeverSawTheLeaseHeldOrKeptSeeingTheDatabaseAsksAtOnce() {
        LeaseRenewal neverSawIt = LeaseRenewal.standby(DEADLINE).next(Seen.UNREACHABLE, RENEWED).next();
        assertThat(neverSawIt.mayAsk(RENEWED.plusSeconds(1))).as("no holder to wait for (both starting)").isTrue();

        LeaseRenewal steppedDown = new LeaseRenewal(Role.RENEWING, RENEWED, DEADLINE)
                .next(Seen.UNREACHABLE, RENEWED.plusSeconds(15)).next();
        assertThat(steppedDown.role()).isEqualTo(Role.STANDBY);
        assertThat(steppedDown.mayAsk(RENEWED.plusSeconds(16))).as("it was the holder itself").isTrue();

        LeaseRenewal lostToAnother = new LeaseRenewal(Role.LEADING, RENEWED, DEADLINE)
                .next(Seen.TAKEN, RENEWED.plusSeconds(1)).next();
        assertThat(lostToAnother.mayAsk(RENEWED.plusSeconds(2))).as("the lease in sight, held by another").isTrue();
        assertThat(new LeaseRenewal(Role.RENEWING, RENEWED, DEADLINE).mayAsk(RENEWED.plusSeconds(1)))
                .as("a leader always asks").isTrue();
    }
}
