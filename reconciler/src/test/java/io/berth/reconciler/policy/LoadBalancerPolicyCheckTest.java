package io.berth.reconciler.policy;

import io.berth.reconciler.traffic.Listener;
import io.berth.reconciler.traffic.LoadBalancer;
import io.berth.reconciler.traffic.TrafficProtocol;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LoadBalancerPolicyCheckTest {

    private static final LoadBalancer LB = new LoadBalancer("edge", Optional.empty(), List.of(
            new Listener(8080, TrafficProtocol.HTTP, "a", List.of()),
            new Listener(443, TrafficProtocol.TCP, "b", List.of())));

    @Test
    void listenerPortsBelow1024NeedAllowLowHostPorts() {
        assertThat(LoadBalancerPolicyCheck.check(LB, ClusterPolicy.DENY_ALL))
                .containsExactly(new PolicyViolation("listeners[1].port",
                        "host port 443/tcp (below 1024): allowLowHostPorts is false"));
        assertThat(LoadBalancerPolicyCheck.check(LB, ClusterPolicy.DENY_ALL.withLowHostPorts(true))).isEmpty();
    }
}
