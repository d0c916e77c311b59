package io.berth.reconciler.store;

import io.berth.reconciler.traffic.Listener;
import io.berth.reconciler.traffic.ListenerRule;
import io.berth.reconciler.traffic.LoadBalancer;
import io.berth.reconciler.traffic.StatusMatcher;
import io.berth.reconciler.traffic.TargetGroup;
import io.berth.reconciler.traffic.TargetHealthCheck;
import io.berth.reconciler.traffic.TrafficProtocol;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored and read back equal; the same spec always stores the same text (an unchanged re-apply compares equal). */
class TrafficSpecJsonTest {

    private final TrafficSpecJson json = new TrafficSpecJson();

    @Test
    void targetGroupsRoundTrip() {
        TargetGroup http = new TargetGroup("auth", TrafficProtocol.HTTP, new TargetHealthCheck(Optional.of("/health"),
                TargetHealthCheck.TRAFFIC_PORT, Duration.ofSeconds(5), Duration.ofMillis(1500), 2, 3,
                StatusMatcher.parse("200-299,302")), Duration.ofSeconds(30));
        TargetGroup tcp = new TargetGroup("db", TrafficProtocol.TCP, TargetHealthCheck.defaults(TrafficProtocol.TCP),
                Duration.ZERO);
        TargetGroup quick = new TargetGroup("quick", TrafficProtocol.TCP, TargetHealthCheck.defaults(TrafficProtocol.TCP),
                Duration.ZERO, Duration.ofMillis(300));
        for (TargetGroup g : List.of(http, tcp, quick)) {
            String text = json.toJson(g);
            assertThat(json.targetGroup(g.name(), text)).isEqualTo(g);
            assertThat(json.toJson(json.targetGroup(g.name(), text))).isEqualTo(text);
        }
    }

    @Test
    void aGroupStoredBeforeTheConnectTimeoutReadsWithTheDefaultAndWritesTheSameText() {
        TargetGroup tcp = new TargetGroup("db", TrafficProtocol.TCP, TargetHealthCheck.defaults(TrafficProtocol.TCP),
                Duration.ZERO);
        String text = json.toJson(tcp);
        assertThat(text).doesNotContain("connectTimeout");
        assertThat(json.targetGroup("db", text).connectTimeout()).isEqualTo(TargetGroup.DEFAULT_CONNECT_TIMEOUT);
        assertThat(json.toJson(new TargetGroup("db", TrafficProtocol.TCP, TargetHealthCheck.defaults(TrafficProtocol.TCP),
                Duration.ZERO, Duration.ofSeconds(2)))).contains("\"connectTimeout\":\"PT2S\"");
    }

    @Test
    void loadBalancersRoundTrip() {
        LoadBalancer lb = new LoadBalancer("edge", Optional.of("attribute:role == edge"), List.of(
                new Listener(8080, TrafficProtocol.HTTP, "auth", List.of(
                        new ListenerRule(Optional.of("/random/"), Optional.empty(), "random"),
                        new ListenerRule(Optional.of("/v1/"), Optional.of("*.example.test"), "auth"))),
                new Listener(5432, TrafficProtocol.TCP, "db", List.of())));
        String text = json.toJson(lb);
        assertThat(json.loadBalancer("edge", text)).isEqualTo(lb);
        LoadBalancer everywhere = new LoadBalancer("all", Optional.empty(), lb.listeners());
        assertThat(json.loadBalancer("all", json.toJson(everywhere))).isEqualTo(everywhere);
    }
}
