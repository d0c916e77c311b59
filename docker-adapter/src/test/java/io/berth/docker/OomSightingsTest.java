package io.berth.docker;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OomSightingsTest {

    private static ContainerState exited(String id, int code, boolean oomKilled) {
        return new ContainerState(id, "n-" + id, "busybox", Map.of(), "exited", false, code, oomKilled,
                ContainerState.Health.NONE, null, List.of(), Instant.EPOCH, Instant.EPOCH.plusSeconds(1));
    }

    private static EngineEvent event(String id, String action) {
        return new EngineEvent(id, action, null, Map.of(), Instant.EPOCH);
    }

    @Test
    void anOomEventMarksAContainerThatDockerReportsAsPlainExit137() {
        OomSightings sightings = new OomSightings(10);
        sightings.observe(event("a", "oom"));
        assertThat(sightings.amend(exited("a", 137, false)).oomKilled()).isTrue();
    }

    @Test
    void otherContainersOtherEventsAndOtherExitCodesAreLeftAsDockerSaysThem() {
        OomSightings sightings = new OomSightings(10);
        sightings.observe(event("a", "oom"));
        sightings.observe(event("b", "die"));
        assertThat(sightings.amend(exited("b", 137, false)).oomKilled()).isFalse();
        assertThat(sightings.amend(exited("c", 137, false)).oomKilled()).isFalse();
        // An OOM event but exit 1: the process survived the kill of a child and failed on its own.
        assertThat(sightings.amend(exited("a", 1, false)).oomKilled()).isFalse();
        ContainerState alreadyKnown = exited("d", 137, true);
        assertThat(sightings.amend(alreadyKnown)).isSameAs(alreadyKnown);
    }

    @Test
    void onlyTheMostRecentSightingsAreKept() {
        OomSightings sightings = new OomSightings(2);
        sightings.observe(event("a", "oom"));
        sightings.observe(event("b", "oom"));
        sightings.observe(event("c", "oom"));
        assertThat(sightings.amend(exited("a", 137, false)).oomKilled()).isFalse();
        assertThat(sightings.amend(exited("b", 137, false)).oomKilled()).isTrue();
        assertThat(sightings.amend(exited("c", 137, false)).oomKilled()).isTrue();
    }
}
