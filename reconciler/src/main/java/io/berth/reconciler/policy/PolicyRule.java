package io.berth.reconciler.policy;

import io.berth.reconciler.model.TaskDefinitionSpec;

/** One concern of a cluster's policy, checked against a whole task definition. Pure. */
interface PolicyRule {

    void check(TaskDefinitionSpec spec, ClusterPolicy policy, PolicyFindings findings);

    static String container(int index) {
        return "containers[" + index + "]";
    }
}
