package io.berth.reconciler.store;

import io.berth.reconciler.model.DeploymentConfig;
import io.berth.reconciler.model.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ServiceSpecJsonTest {

    private final ServiceSpecJson codec = new ServiceSpecJson();

    @Test
    void roundTripsEverySetting() {
        ServiceSpec spec = new ServiceSpec("web:3", 6, Duration.ofSeconds(10),
                new DeploymentConfig(50, 150, Duration.ofMillis(2500)));

        assertThat(codec.fromJson(codec.toJson(spec))).isEqualTo(spec);
    }

    @Test
    void equalSpecsGiveEqualText() {
        assertThat(codec.toJson(new ServiceSpec("web", 3))).isEqualTo(codec.toJson(new ServiceSpec("web", 3)));
        assertThat(codec.toJson(new ServiceSpec("web", 3))).startsWith("{\"deployment\":");
    }

    @Test
    void specsStoredBeforeDeploymentSettingsReadBackWithDefaults() {
        ServiceSpec spec = codec.fromJson("{\"desiredCount\":3,\"taskDefinition\":\"web\"}");

        assertThat(spec).isEqualTo(new ServiceSpec("web", 3));
        assertThat(spec.deployment()).isEqualTo(DeploymentConfig.defaults());
    }

    @Test
    void garbageIsRefusedClearly() {
        assertThatIllegalArgumentException().isThrownBy(() -> codec.fromJson("{not json"))
                .withMessageStartingWith("not a stored service spec");
    }
}
