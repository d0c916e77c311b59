package io.berth.app.security.access;

/** What a route needs before its handler runs. */
public sealed interface RouteRule {

    /** A verb on a resource; the cluster comes from the {@code {cluster}} path variable or the {@code cluster} query parameter. */
    record Needs(Verb verb, Resource resource, ClusterFrom clusterFrom) implements RouteRule {
    }

    /**
     * The route's body names what it touches (an apply's documents, each with its kind and cluster): the handler
     * checks each, once it has read them.
     */
    record CheckedByHandler(String why) implements RouteRule {
    }

    /** Any authenticated caller: the route only tells callers about themselves. */
    record AnyCaller() implements RouteRule {
    }

    enum ClusterFrom { PATH, QUERY, NONE }
}
