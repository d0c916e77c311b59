package io.berth.reconciler.executor;

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
}
