package io.berth.reconciler.traffic;

import java.util.List;
import java.util.Objects;

/**
 * A port the load balancer listens on, on every host it runs on. Rules are tried in order, the first that matches
 * wins (ELBv2 priorities, written as list order); requests no rule takes go to {@code defaultTargetGroup}. A TCP
 * listener has no rules: bytes carry no path or host.
 */
public record Listener(int port, TrafficProtocol protocol, String defaultTargetGroup, List<ListenerRule> rules) {

    /** ELBv2's limit of rules per listener (100); bounds the configuration HAProxy evaluates per request. */
    public static final int MAX_RULES = 100;

    public Listener {
        TrafficNames.portProblem(port).ifPresent(p -> {
            throw new IllegalArgumentException("listener port " + port + " " + p);
        });
        Objects.requireNonNull(protocol, "protocol");
        TrafficNames.require("defaultTargetGroup", defaultTargetGroup, TrafficNames.nameProblem(defaultTargetGroup));
        rules = List.copyOf(rules);
        if (protocol == TrafficProtocol.TCP && !rules.isEmpty()) {
            throw new IllegalArgumentException("a TCP listener routes by port only; it has no rules");
        }
        if (rules.size() > MAX_RULES) {
            throw new IllegalArgumentException("a listener has at most " + MAX_RULES + " rules");
        }
    }
}
