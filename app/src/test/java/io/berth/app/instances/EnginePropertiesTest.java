package io.berth.app.instances;

import io.berth.docker.EngineConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnginePropertiesTest {

    @Test
    void defaultsBoundEveryCallAndGiveLogsTheirOwnPool() {
        EngineConfig config = EngineProperties.defaults().apply(EngineConfig.of("tcp://10.0.0.1:2375"));

        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.pullTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.maxConnections()).isEqualTo(32);
        assertThat(config.maxLogConnections()).isEqualTo(8);
        assertThat(config.maxStatsConnections()).isEqualTo(40);
    }

    @Test
    void settingsReachTheEngineConfig() {
        EngineProperties properties = new EngineProperties(Duration.ofSeconds(1), Duration.ofSeconds(7),
                Duration.ofMinutes(20), 16, 2, 12);

        EngineConfig config = properties.apply(EngineConfig.of("unix:///var/run/docker.sock"));

        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.responseTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.pullTimeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(config.maxConnections()).isEqualTo(16);
        assertThat(config.maxLogConnections()).isEqualTo(2);
        assertThat(config.maxStatsConnections()).isEqualTo(12);
    }

    @Test
    void unboundedOrEmptySettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new EngineProperties(Duration.ZERO, null, null, null, null, null))
                .hasMessageContaining("berth.docker.connect-timeout");
        assertThatThrownBy(() -> new EngineProperties(null, Duration.ofSeconds(-1), null, null, null, null))
                .hasMessageContaining("berth.docker.response-timeout");
        assertThatThrownBy(() -> new EngineProperties(null, null, null, null, 0, null))
                .hasMessageContaining("berth.docker.max-log-connections");
        assertThatThrownBy(() -> new EngineProperties(null, null, null, null, null, 0))
                .hasMessageContaining("berth.docker.max-stats-connections");
    }
}
