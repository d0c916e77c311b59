package io.berth.reconciler.traffic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The example of the feature's documentation as records: two groups behind one HTTP listener, routed by path and host. */
final class TrafficFixtures {

    private TrafficFixtures() {
    }

    static TargetGroup httpGroup(String name) {
        return new TargetGroup(name, TrafficProtocol.HTTP, new TargetHealthCheck(Optional.of("/health"),
                TargetHealthCheck.TRAFFIC_PORT, Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 2,
                StatusMatcher.parse("200-399")), Duration.ofSeconds(30));
    }

    static LoadBalancer edge() {
        return new LoadBalancer("edge", Optional.of("attribute:role == edge"), List.of(new Listener(80,
                TrafficProtocol.HTTP, "auth", List.of(
                new ListenerRule(Optional.of("/random/"), Optional.empty(), "random"),
                new ListenerRule(Optional.empty(), Optional.of("api.example.test"), "auth")))));
    }

    static List<TargetGroup> edgeGroups() {
        return List.of(httpGroup("auth"), httpGroup("random"));
    }

    static Map<String, List<Target>> edgeTargets() {
        return Map.of("auth", List.of(new Target("7f1c0b1e-2c55-4f0e-9d7a-0d5c1a3b4e21", "198.18.0.11", 32768),
                        new Target("0a1b2c3d-0000-4000-8000-000000000001", "198.18.0.12", 32771)),
                "random", List.of(new Target("5e6f7a8b-1111-4111-8111-111111111111", "198.18.0.13", 32790, true)));
    }
}
