package io.berth.reconciler.policy;

import io.berth.reconciler.model.TaskDefinitionSpec;

import java.util.List;

/**
 * Checks a task definition against a cluster's policy. Pure; used when a task definition is applied or run (so the
 * user hears at once) and again when a task is launched (the policy may have been tightened since). Whether a shared
 * volume is Berth's own can only be known on the host: the launcher checks that.
 */
public final class TaskPolicyCheck {

    private static final List<PolicyRule> RULES = List.of(new PrivilegeRule(), new HostNetworkRule(),
            new HostPathRule(), new VolumeDriverRule(), new LowHostPortRule(), new RootUserRule(), new RegistryRule(),
            new SecurityOptionsRule(), new SecretFileRule());

    private TaskPolicyCheck() {
    }

    public static List<PolicyViolation> check(TaskDefinitionSpec spec, ClusterPolicy policy, String cluster) {
        PolicyFindings findings = new PolicyFindings(cluster);
        for (PolicyRule rule : RULES) {
            rule.check(spec, policy, findings);
        }
        return findings.violations();
    }
}
