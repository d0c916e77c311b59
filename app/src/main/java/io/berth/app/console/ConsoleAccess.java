package io.berth.app.console;

import io.berth.app.security.access.AccessPolicy;
import io.berth.app.security.access.Permission;
import io.berth.app.security.access.Resource;
import io.berth.app.security.access.Verb;
import io.berth.app.security.identity.Caller;

/**
 * The API's authorization, asked by the console: a page checks what it reads as the matching API route would
 * ({@link io.berth.app.security.access.RouteRules}), an action what it changes, and a button is shown only when
 * {@link #can} says the action would be allowed.
 */
public class ConsoleAccess {

    private final AccessPolicy policy;

    public ConsoleAccess(AccessPolicy policy) {
        this.policy = policy;
    }

    /** @throws io.berth.app.security.access.AccessDeniedException (403) naming the caller and what it lacks */
    public void require(Caller caller, Verb verb, Resource resource, String cluster) {
        policy.check(caller, new Permission(verb, resource, cluster));
    }

    public boolean can(Caller caller, Verb verb, Resource resource, String cluster) {
        return policy.allows(caller, new Permission(verb, resource, cluster));
    }

    /** Whether a cluster is within the caller's cluster scope (a scoped token sees only its clusters listed). */
    public static boolean inScope(Caller caller, String cluster) {
        return caller.allClusters() || caller.clusters().contains(cluster);
    }

    public static String describe(Caller caller) {
        return AccessPolicy.describe(caller);
    }
}
