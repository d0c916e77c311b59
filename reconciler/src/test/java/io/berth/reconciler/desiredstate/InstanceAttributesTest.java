package io.berth.reconciler.desiredstate;

import io.berth.docker.EngineInfo;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which stored attributes a refresh keeps: the user's; the built-in ones come from the engine again. */
class InstanceAttributesTest {

    private static final EngineInfo NOW = new EngineInfo("E2", "host-b", 4, 8L << 30, "27.0", "1.47", "linux", "x86_64");

    @Test
    void keepsCustomAttributesAndDropsStaleBuiltInOnes() {
        Map<String, String> stored = Map.of("zone", "a", "instance-type", "big",
                "berth.hostname", "host-a", "berth.engine-id", "E1", "berth.cpus", "2");

        Map<String, String> custom = InstanceAttributes.customOf(stored, NOW);

        assertThat(custom).containsExactlyInAnyOrderEntriesOf(Map.of("zone", "a", "instance-type", "big"));
        Map<String, String> merged = InstanceAttributes.attributes(NOW, custom);
        assertThat(merged).containsEntry("zone", "a").containsEntry("berth.hostname", "host-b")
                .containsEntry("berth.engine-id", "E2").containsEntry("berth.cpus", "4");
    }

    @Test
    void nothingStoredKeepsNothing() {
        assertThat(InstanceAttributes.customOf(Map.of(), NOW)).isEmpty();
    }
}
