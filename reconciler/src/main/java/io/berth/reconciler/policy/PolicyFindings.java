package io.berth.reconciler.policy;

import java.util.ArrayList;
import java.util.List;

/** The violations the rules find in one task definition, each worded the same way: what, cluster, setting. */
final class PolicyFindings {

    private final String cluster;
    private final List<PolicyViolation> violations = new ArrayList<>();

    PolicyFindings(String cluster) {
        this.cluster = cluster;
    }

    /**
     * @param what    what the task definition asks for, e.g. "host path /etc"
     * @param setting the policy setting that refuses it and its value, e.g. "allowHostPaths is false"
     */
    void refuse(String field, String what, String setting) {
        violations.add(new PolicyViolation(field, what + " is not allowed by the policy of cluster \"" + cluster
                + "\" (" + setting + ")"));
    }

    /** A request no cluster's policy may allow (a file written over /proc); {@code why} says what is wrong. */
    void reject(String field, String why) {
        violations.add(new PolicyViolation(field, why));
    }

    List<PolicyViolation> violations() {
        return List.copyOf(violations);
    }
}
