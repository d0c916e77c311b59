package io.berth.reconciler.traffic;

import java.util.Optional;

/**
 * One routing rule of an HTTP listener: requests whose path starts with {@code pathPrefix} and/or whose Host header
 * is {@code host} go to {@code targetGroup}. Both conditions given means both must hold (ELBv2 ANDs conditions).
 * A host starting with "*." matches any sub-domain.
 */
public record ListenerRule(Optional<String> pathPrefix, Optional<String> host, String targetGroup) {

    public ListenerRule {
        if (pathPrefix.isEmpty() && host.isEmpty()) {
            throw new IllegalArgumentException("a rule needs a pathPrefix or a host");
        }
        pathPrefix.ifPresent(p -> TrafficNames.require("pathPrefix", p, TrafficNames.pathProblem(p)));
        host.ifPresent(h -> TrafficNames.require("host", h, TrafficNames.hostProblem(h)));
        TrafficNames.require("rule target group", targetGroup, TrafficNames.nameProblem(targetGroup));
    }
}
