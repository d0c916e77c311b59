package io.berth.reconciler.policy;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a task definition against a cluster's policy. Pure; used when a service is applied (so the user hears at
 * once) and again when a task is launched (the policy may have been tightened since).
 */
public final class TaskPolicyCheck {

    private TaskPolicyCheck() {
    }

    public static List<PolicyViolation> check(TaskDefinitionSpec spec, ClusterPolicy policy, String cluster) {
        List<PolicyViolation> violations = new ArrayList<>();
        String byPolicy = " is not allowed by the policy of cluster \"" + cluster + "\"";
        for (int i = 0; i < spec.containers().size(); i++) {
            ContainerDefinition c = spec.containers().get(i);
            String path = "containers[" + i + "]";
            if (c.options().privileged() && !policy.allowPrivileged()) {
                violations.add(new PolicyViolation(path + ".privileged",
                        "privileged mode" + byPolicy + " (allowPrivileged is false)"));
            }
            List<String> add = c.options().capabilitiesAdd();
            for (int k = 0; k < add.size(); k++) {
                if (!policy.allowsCapability(add.get(k))) {
                    violations.add(new PolicyViolation(path + ".linuxParameters.capabilities.add[" + k + "]",
                            "capability " + ClusterPolicy.normalize(add.get(k)) + byPolicy
                                    + " (allowedCapabilities: " + policy.allowedCapabilities() + ")"));
                }
            }
        }
        if (spec.options().networkMode() == TaskOptions.NetworkMode.HOST && !policy.allowHostNetwork()) {
            violations.add(new PolicyViolation("networkMode", "host networking" + byPolicy
                    + " (allowHostNetwork is false)"));
        }
        List<TaskOptions.Volume> volumes = spec.options().volumes();
        for (int v = 0; v < volumes.size(); v++) {
            if (volumes.get(v).hostSourcePath() != null && !policy.allowHostPaths()) {
                violations.add(new PolicyViolation("volumes[" + v + "].host.sourcePath", "host path "
                        + volumes.get(v).hostSourcePath() + byPolicy + " (allowHostPaths is false)"));
            }
        }
        return violations;
    }
}
