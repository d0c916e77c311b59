package io.berth.reconciler.taskwork;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WorkInFlightTest {

    private final WorkInFlight work = new WorkInFlight();
    private final UUID web = UUID.randomUUID();
    private final UUID api = UUID.randomUUID();

    @Test
    void aServiceIsWokenOnceItsLastWorkEndsIfAnyOfItHadNews() {
        work.started(web);
        work.started(web);
        work.started(api);

        assertThat(work.finished(web, true)).as("one launch of web still runs").isFalse();
        assertThat(work.finished(api, true)).as("api's only work ended").isTrue();
        assertThat(work.finished(web, false)).as("web's last work ended; the first one had news").isTrue();
    }

    @Test
    void workWithoutNewsWakesNothing() {
        work.started(web);
        assertThat(work.finished(web, false)).isFalse();
        work.started(web); // counting starts afresh
        assertThat(work.finished(web, true)).isTrue();
    }

    @Test
    void anEventOfABusyTaskIsHeldAndItsWorksEndWakesTheServiceEvenWithoutNews() {
        UUID task = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        assertThat(work.absorbEvent(task)).as("not busy: the event wakes the service itself").isFalse();

        assertThat(work.claim(task)).isTrue();
        assertThat(work.claim(task)).as("already under way").isFalse();
        work.started(web);
        work.started(web);
        assertThat(work.busy(task)).isTrue();
        assertThat(work.absorbEvent(task)).isTrue();

        assertThat(work.taskFinished(web, task, false)).as("an event came meanwhile").isTrue();
        assertThat(work.busy(task)).isFalse();
        assertThat(work.absorbEvent(task)).isFalse();

        assertThat(work.claim(other)).isTrue();
        assertThat(work.taskFinished(web, other, false)).as("no event, no news").isFalse();
    }

    @Test
    void aReleasedClaimIsNoLongerBusy() {
        UUID task = UUID.randomUUID();
        work.claim(task);
        work.release(task);
        assertThat(work.busy(task)).isFalse();
        assertThat(work.claim(task)).isTrue();
    }
}
