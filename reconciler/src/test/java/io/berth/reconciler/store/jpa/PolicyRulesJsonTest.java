package io.berth.reconciler.store.jpa;

import io.berth.reconciler.policy.ClusterPolicy;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The further policy settings of a cluster row: a policy stored before they existed keeps safe defaults. */
class PolicyRulesJsonTest {

    private static final ClusterPolicy COLUMNS = new ClusterPolicy(true, Set.of("NET_ADMIN"), false, true);

    @Test
    void aRowFromBeforeTheSettingsReadsAsTheDefaults() {
        ClusterPolicy read = PolicyRulesJson.read("{}", COLUMNS);

        assertThat(read).isEqualTo(COLUMNS);
        assertThat(read.allowedVolumeDrivers()).containsExactly("local");
        assertThat(read.allowLowHostPorts()).isFalse();
        assertThat(read.allowRootUser()).isTrue();
        assertThat(read.allowedRegistries()).isEmpty();
        assertThat(read.allowUnconfined()).isFalse();
        assertThat(read.allowExec()).isFalse();
    }

    @Test
    void aMissingKeyTakesItsDefaultAndEverySettingRoundTrips() {
        assertThat(PolicyRulesJson.read("{\"allowRootUser\":false}", COLUMNS))
                .isEqualTo(COLUMNS.withRootUser(false));

        ClusterPolicy full = COLUMNS.withVolumeDrivers(Set.of("local", "rexray/ebs")).withLowHostPorts(true)
                .withRootUser(false).withRegistries(Set.of("ghcr.io")).withUnconfined(true).withExec(true);
        assertThat(PolicyRulesJson.read(PolicyRulesJson.write(full), COLUMNS)).isEqualTo(full);
    }
}
