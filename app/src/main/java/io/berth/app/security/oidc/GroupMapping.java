package io.berth.app.security.oidc;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which Berth roles and clusters a person's provider groups give. Groups add up: the roles are the union over the
 * person's mapped groups; the clusters are the union of those groups' cluster lists, or every cluster as soon as
 * one role-giving group is not limited. A {@link io.berth.app.security.identity.Caller} carries one cluster scope
 * for all its roles, so a person in an admin group limited to {@code dev} and a viewer group limited to
 * {@code prod} is admin on both: docs/configuration.md says so.
 */
final class GroupMapping {

    private final Map<String, Set<String>> roles;
    private final Map<String, Set<String>> clusters;

    private GroupMapping(Map<String, Set<String>> roles, Map<String, Set<String>> clusters) {
        this.roles = roles;
        this.clusters = clusters;
    }

    /**
     * @throws IllegalArgumentException naming the setting when a group maps to no role name, or a cluster list
     *                                  belongs to a group that has no roles (a typo that would silently do nothing)
     */
    static GroupMapping of(Map<String, List<String>> groupRoles, Map<String, List<String>> groupClusters) {
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        groupRoles.forEach((group, names) -> roles.put(group,
                names("berth.security.oidc.group-roles." + group, "role", names)));
        Map<String, Set<String>> clusters = new LinkedHashMap<>();
        groupClusters.forEach((group, names) -> {
            String setting = "berth.security.oidc.group-clusters." + group;
            if (!roles.containsKey(group)) {
                throw new IllegalArgumentException(setting + ": group '" + group
                        + "' has no berth.security.oidc.group-roles entry, so its clusters would limit nothing");
            }
            clusters.put(group, names(setting, "cluster", names));
        });
        return new GroupMapping(Map.copyOf(roles), Map.copyOf(clusters));
    }

    private static Set<String> names(String setting, String what, List<String> names) {
        Set<String> result = new TreeSet<>();
        for (String name : names == null ? List.<String>of() : names) {
            if (name != null && !name.isBlank()) {
                result.add(name.strip());
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException(setting + ": name at least one " + what);
        }
        return Set.copyOf(result);
    }

    boolean isEmpty() {
        return roles.isEmpty();
    }

    /** The roles and clusters for a person in these groups; no roles when none of them is mapped. */
    Grant grant(Collection<String> groups) {
        Set<String> grantedRoles = new TreeSet<>();
        Set<String> grantedClusters = new TreeSet<>();
        boolean unlimited = false;
        for (String group : groups) {
            Set<String> groupRoles = roles.get(group);
            if (groupRoles == null) {
                continue;
            }
            grantedRoles.addAll(groupRoles);
            Set<String> groupClusters = clusters.get(group);
            if (groupClusters == null) {
                unlimited = true;
            } else {
                grantedClusters.addAll(groupClusters);
            }
        }
        return new Grant(Set.copyOf(grantedRoles), unlimited ? Set.of() : Set.copyOf(grantedClusters));
    }

    /** @param clusters empty means every cluster, as in {@code Caller} */
    record Grant(Set<String> roles, Set<String> clusters) {
    }
}
