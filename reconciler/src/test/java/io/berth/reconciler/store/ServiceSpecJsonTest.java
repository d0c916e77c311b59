package io.berth.reconciler.store;

import io.berth.reconciler.model.BackoffConfig;
import io.berth.reconciler.model.CircuitBreakerConfig;
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
    void roundTripsTheServicesOwnBackoffAndLeavesItOutWhenUnset() {
        ServiceSpec spec = new ServiceSpec("web:3", 6, Duration.ZERO, new DeploymentConfig(100, 200, Duration.ofSeconds(3),
                CircuitBreakerConfig.defaults(), Duration.ofMinutes(5), new BackoffConfig(Duration.ofMillis(500), Duration.ofMinutes(2))));

        assertThat(codec.fromJson(codec.toJson(spec))).isEqualTo(spec);
        assertThat(codec.toJson(spec)).contains("\"backoff\":{\"initial\":\"PT0.5S\",\"max\":\"PT2M\"}");
        assertThat(codec.toJson(new ServiceSpec("web", 3))).doesNotContain("backoff");
    }

    @Test
    void roundTripsLoadBalancersAndLeavesThemOutWhenNone() {
        ServiceSpec spec = new ServiceSpec("web", 2, Duration.ZERO, DeploymentConfig.defaults(),
                io.berth.reconciler.scheduler.placement.Placement.SERVICE_DEFAULT,
                java.util.List.of(new io.berth.reconciler.model.ServiceLoadBalancer("auth", "web", 10080)));

        assertThat(codec.fromJson(codec.toJson(spec))).isEqualTo(spec);
        assertThat(codec.toJson(new ServiceSpec("web", 3))).doesNotContain("loadBalancers");
    }

    @Test
    void roundTripsTheDaemonStrategyAndLeavesReplicaOut() {
        ServiceSpec daemon = new ServiceSpec("agent", 0, Duration.ZERO, DeploymentConfig.defaults(),
                io.berth.reconciler.scheduler.placement.Placement.SERVICE_DEFAULT, java.util.List.of(), false,
                io.berth.reconciler.model.SchedulingStrategy.DAEMON);

        assertThat(codec.fromJson(codec.toJson(daemon))).isEqualTo(daemon);
        assertThat(codec.toJson(daemon)).contains("\"schedulingStrategy\":\"DAEMON\"");
        assertThat(codec.toJson(new ServiceSpec("web", 3))).doesNotContain("schedulingStrategy");
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
