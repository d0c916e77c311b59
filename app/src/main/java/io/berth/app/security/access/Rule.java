package io.berth.app.security.access;

import java.util.Set;

/**
 * Grants each verb on each resource in each cluster. An empty {@code clusters} means every cluster (still within
 * the clusters a caller's token is scoped to); installation-wide resources ignore it.
 */
public record Rule(Set<Verb> verbs, Set<Resource> resources, Set<String> clusters) {

    public Rule {
        verbs = Set.copyOf(verbs);
        resources = Set.copyOf(resources);
        clusters = Set.copyOf(clusters);
    }

    public boolean allows(Permission permission) {
        if (!verbs.contains(permission.verb()) || !resources.contains(permission.resource())) {
            return false;
        }
        if (!permission.resource().clustered() || clusters.isEmpty()) {
            return true;
        }
        return permission.cluster() != null && clusters.contains(permission.cluster());
    }
}
