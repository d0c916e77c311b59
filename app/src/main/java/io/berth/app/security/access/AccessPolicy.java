package io.berth.app.security.access;

import io.berth.app.security.identity.Caller;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a caller may do something: one of its roles must allow it, and a clustered resource must be in a
 * cluster the caller is scoped to. A role name that names no role grants nothing (a token outliving its custom role
 * is powerless, not an error).
 */
public final class AccessPolicy {

    private final RoleCatalog roles;

    public AccessPolicy(RoleCatalog roles) {
        this.roles = roles;
    }

    public boolean allows(Caller caller, Permission permission) {
        if (permission.resource().clustered() && !caller.allClusters()
                && (permission.cluster() == null || !caller.clusters().contains(permission.cluster()))) {
            return false;
        }
        return caller.roles().stream().map(roles::find).flatMap(Optional::stream)
                .anyMatch(role -> role.allows(permission));
    }

    /** @throws AccessDeniedException naming the caller and the missing permission */
    public void check(Caller caller, Permission permission) {
        if (!allows(caller, permission)) {
            throw new AccessDeniedException(describe(caller) + " may not " + permission.describe());
        }
    }

    /**
     * What the caller may do somewhere in its reach: each resource with the verbs it holds on it in at least one
     * cluster it is scoped to. CLIs and consoles use it to leave out what a caller cannot do at all; each request is
     * still decided by {@link #check}, per cluster.
     */
    public Map<Resource, Set<Verb>> held(Caller caller) {
        Set<String> scope = caller.allClusters() ? Set.of() : caller.clusters();
        Map<Resource, Set<Verb>> held = new EnumMap<>(Resource.class);
        caller.roles().stream().map(roles::find).flatMap(Optional::stream)
                .flatMap(role -> expand(role, scope).stream())
                .filter(permission -> allows(caller, permission))
                .forEach(permission -> held.computeIfAbsent(permission.resource(), r -> EnumSet.noneOf(Verb.class))
                        .add(permission.verb()));
        return held;
    }

    /**
     * No privilege escalation: a caller may hand out (as a token or a role) only what it holds itself, in every
     * cluster it names; a grant for every cluster needs a caller that reaches every cluster.
     *
     * @param clusters the clusters the grant is scoped to; empty = every cluster
     * @throws AccessDeniedException naming the first permission the caller lacks
     */
    public void checkCanGrant(Caller caller, Role role, Set<String> clusters) {
        for (Permission permission : expand(role, clusters)) {
            if (!allows(caller, permission)) {
                throw new AccessDeniedException(describe(caller) + " may not grant what it does not hold: it may not "
                        + permission.describe());
            }
        }
    }

    /** Every permission a role holds within {@code clusters} (empty = every cluster, written as null). */
    static List<Permission> expand(Role role, Set<String> clusters) {
        List<Permission> permissions = new ArrayList<>();
        for (Rule rule : role.rules()) {
            for (Verb verb : rule.verbs()) {
                for (Resource resource : rule.resources()) {
                    if (!resource.clustered()) {
                        permissions.add(new Permission(verb, resource, null));
                        continue;
                    }
                    Set<String> reach = reach(rule.clusters(), clusters);
                    if (reach == null) {
                        permissions.add(new Permission(verb, resource, null));
                    } else {
                        reach.forEach(cluster -> permissions.add(new Permission(verb, resource, cluster)));
                    }
                }
            }
        }
        return permissions;
    }

    /** The clusters a rule reaches within a scope; null = every cluster. */
    private static Set<String> reach(Set<String> ruleClusters, Set<String> scope) {
        if (ruleClusters.isEmpty() && scope.isEmpty()) {
            return null;
        }
        if (ruleClusters.isEmpty()) {
            return new TreeSet<>(scope);
        }
        if (scope.isEmpty()) {
            return new TreeSet<>(ruleClusters);
        }
        TreeSet<String> both = new TreeSet<>(ruleClusters);
        both.retainAll(scope);
        return both;
    }

    /** "token 'ci' (role deployer, clusters [prod])", as denials name the caller. */
    public static String describe(Caller caller) {
        String kind = switch (caller.source()) {
            case ADMIN_TOKEN -> "admin token";
            case TOKEN -> "token";
            case OIDC -> "user";
            case CERTIFICATE -> "certificate";
        };
        String roles = caller.roles().isEmpty() ? "no role"
                : (caller.roles().size() == 1 ? "role " : "roles ") + String.join(", ", new TreeSet<>(caller.roles()));
        String clusters = caller.allClusters() ? "all clusters" : "clusters " + new TreeSet<>(caller.clusters());
        return kind + " '" + caller.name() + "' (" + roles + ", " + clusters + ")";
    }
}
