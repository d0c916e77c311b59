package io.berth.reconciler.policy;

import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOptions;

/** The host's network stack: the container sees and binds every interface of the host. */
final class HostNetworkRule implements PolicyRule {

    @Override
    public void check(TaskDefinitionSpec spec, ClusterPolicy policy, PolicyFindings findings) {
        if (spec.options().networkMode() == TaskOptions.NetworkMode.HOST && !policy.allowHostNetwork()) {
            findings.refuse("networkMode", "host networking", "allowHostNetwork is false");
        }
    }
}
