package io.berth.reconciler.policy;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;

import java.util.List;

/** Privileged mode and added Linux capabilities: each lifts part of the wall between container and host. */
final class PrivilegeRule implements PolicyRule {

    @Override
    public void check(TaskDefinitionSpec spec, ClusterPolicy policy, PolicyFindings findings) {
        for (int i = 0; i < spec.containers().size(); i++) {
            ContainerDefinition c = spec.containers().get(i);
            String path = PolicyRule.container(i);
            if (c.options().privileged() && !policy.allowPrivileged()) {
                findings.refuse(path + ".privileged", "privileged mode", "allowPrivileged is false");
            }
            List<String> add = c.options().capabilitiesAdd();
            for (int k = 0; k < add.size(); k++) {
                if (!policy.allowsCapability(add.get(k))) {
                    findings.refuse(path + ".linuxParameters.capabilities.add[" + k + "]",
                            "capability " + ClusterPolicy.normalize(add.get(k)),
                            "allowedCapabilities: " + policy.allowedCapabilities());
                }
            }
        }
    }
}
