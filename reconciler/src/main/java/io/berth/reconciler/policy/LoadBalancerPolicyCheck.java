package io.berth.reconciler.policy;

import io.berth.reconciler.traffic.LoadBalancer;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a load balancer against its cluster's policy: what it asks of a host is its listener ports, bound on every
 * instance it runs on. A port below 1024 stands in for the host's own services exactly as a task's host port would,
 * so it needs {@code allowLowHostPorts} too. Pure; used when a load balancer is applied, and meant for each launch of
 * its proxy (the policy may have been tightened since).
 */
public final class LoadBalancerPolicyCheck {

    private LoadBalancerPolicyCheck() {
    }

    /** @return violations with fields relative to the spec ("listeners[0].port") */
    public static List<PolicyViolation> check(LoadBalancer lb, ClusterPolicy policy) {
        List<PolicyViolation> violations = new ArrayList<>();
        if (policy.allowLowHostPorts()) {
            return violations;
        }
        for (int i = 0; i < lb.listeners().size(); i++) {
            int port = lb.listeners().get(i).port();
            if (port < LowHostPortRule.FIRST_UNPRIVILEGED) {
                violations.add(new PolicyViolation("listeners[" + i + "].port", "host port " + port
                        + "/tcp (below " + LowHostPortRule.FIRST_UNPRIVILEGED + "): allowLowHostPorts is false"));
            }
        }
        return violations;
    }
}
