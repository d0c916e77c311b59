package io.berth.reconciler.policy;

import io.berth.reconciler.model.TaskDefinitionSpec;

/** Images only from the registries the operator trusts, when the policy names any. */
final class RegistryRule implements PolicyRule {

    @Override
    public void check(TaskDefinitionSpec spec, ClusterPolicy policy, PolicyFindings findings) {
        for (int i = 0; i < spec.containers().size(); i++) {
            String image = spec.containers().get(i).image();
            if (!policy.allowsImage(image)) {
                findings.refuse(PolicyRule.container(i) + ".image", "image " + image + " from registry "
                        + ImageRegistry.of(image), "allowedRegistries: " + policy.allowedRegistries());
            }
        }
    }
}
