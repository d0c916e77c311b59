package io.berth.reconciler.policy;

import io.berth.reconciler.model.TaskDefinitionSpec;

/**
 * Root in a container is root on the host once anything else gives way (a host path, a capability, a kernel bug).
 * Docker runs an image as root unless it names another user, and the image is not looked at before the launch: where
 * root is refused, every container must name a non-root user itself.
 */
final class RootUserRule implements PolicyRule {

    private static final String SETTING = "allowRootUser is false";

    @Override
    public void check(TaskDefinitionSpec spec, ClusterPolicy policy, PolicyFindings findings) {
        if (policy.allowRootUser()) {
            return;
        }
        for (int i = 0; i < spec.containers().size(); i++) {
            String user = spec.containers().get(i).options().user();
            String field = PolicyRule.container(i) + ".user";
            if (user == null || user.isBlank()) {
                findings.refuse(field, "the image's default user (root unless the image sets another; set user to a "
                        + "non-root uid or name)", SETTING);
            } else if (isRoot(user)) {
                findings.refuse(field, "user \"" + user + "\" (root)", SETTING);
            }
        }
    }

    /** "root", "0", "root:grp", "0:0": the user part decides; a root group alone grants nothing of root's. */
    static boolean isRoot(String user) {
        String name = user.strip();
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        return name.equals("root") || name.matches("0+");
    }
}
