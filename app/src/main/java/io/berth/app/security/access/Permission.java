package io.berth.app.security.access;

import java.util.Objects;

/**
 * One thing a request needs: a verb on a resource in a cluster.
 *
 * @param cluster the cluster, for a clustered resource; null for an installation-wide one, and for a clustered
 *                one when the request reaches every cluster (a watch without a cluster filter)
 */
public record Permission(Verb verb, Resource resource, String cluster) {

    public Permission {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(resource, "resource");
        if (!resource.clustered()) {
            cluster = null;
        }
    }

    /** True when the request reaches every cluster's resources at once. */
    public boolean everyCluster() {
        return resource.clustered() && cluster == null;
    }

    /** "delete services in cluster 'staging'", as denials name it. */
    public String describe() {
        String what = verb.wire() + " " + resource.wire();
        if (!resource.clustered()) {
            return what;
        }
        return cluster == null ? what + " in every cluster" : what + " in cluster '" + cluster + "'";
    }
}
