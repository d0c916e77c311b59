package io.berth.reconciler.policy;

import io.berth.reconciler.model.TaskDefinitionSpec;

import java.util.List;

/**
 * dockerSecurityOptions: Docker's default seccomp and AppArmor profiles stay unless the policy lets a container run
 * unconfined; a profile named by a path is a file of the host.
 */
final class SecurityOptionsRule implements PolicyRule {

    @Override
    public void check(TaskDefinitionSpec spec, ClusterPolicy policy, PolicyFindings findings) {
        for (int i = 0; i < spec.containers().size(); i++) {
            List<String> options = spec.containers().get(i).options().dockerSecurityOptions();
            for (int k = 0; k < options.size(); k++) {
                String field = PolicyRule.container(i) + ".dockerSecurityOptions[" + k + "]";
                String text = options.get(k);
                SecurityOption.parse(text).ifPresent(o -> {
                    if (o.unconfined() && !policy.allowUnconfined()) {
                        findings.refuse(field, "security option " + text + " (no " + o.key() + " confinement)",
                                "allowUnconfined is false");
                    }
                    if (o.hostPath() && !policy.allowHostPaths()) {
                        findings.refuse(field, "security option " + text + " (a profile file of the host)",
                                "allowHostPaths is false");
                    }
                });
            }
        }
    }
}
