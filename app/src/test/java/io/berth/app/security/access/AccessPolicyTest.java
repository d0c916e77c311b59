package io.berth.app.security.access;

import io.berth.app.security.identity.Caller;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Roles, cluster scope and the no-escalation rule, without HTTP or a database. */
class AccessPolicyTest {

    private static final Role SERVICE_READER = new Role("service-reader",
            List.of(new Rule(Set.of(Verb.GET, Verb.LIST), Set.of(Resource.SERVICES), Set.of("prod"))));
    private final AccessPolicy policy = new AccessPolicy(name -> Optional.ofNullable(
            Map.of(SERVICE_READER.name(), SERVICE_READER).get(name)).or(() -> BuiltInRoles.find(name)));

    private static Caller token(String role, String... clusters) {
        return new Caller("ci", Caller.Source.TOKEN, Set.of(role), Set.of(clusters));
    }

    @Test
    void deniedNamesTheCallerTheVerbTheResourceAndTheCluster() {
        assertThatThrownBy(() -> policy.check(token("deployer", "prod"),
                new Permission(Verb.DELETE, Resource.SERVICES, "staging")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("token 'ci' (role deployer, clusters [prod]) may not delete services in cluster 'staging'");
    }

    @Test
    void execDeniedNamesTheVerb() {
        assertThatThrownBy(() -> policy.check(token("viewer"), new Permission(Verb.EXEC, Resource.TASKS, "prod")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("token 'ci' (role viewer, all clusters) may not exec tasks in cluster 'prod'");
    }

    @Test
    void aTokenReachesOnlyItsClustersWhateverItsRole() {
        Caller admin = token("admin", "prod");
        assertThat(policy.allows(admin, new Permission(Verb.DELETE, Resource.SERVICES, "prod"))).isTrue();
        assertThat(policy.allows(admin, new Permission(Verb.GET, Resource.SERVICES, "staging"))).isFalse();
        // A watch of every cluster reaches clusters outside the scope.
        assertThat(policy.allows(admin, new Permission(Verb.WATCH, Resource.SERVICES, null))).isFalse();
        assertThat(policy.allows(token("admin"), new Permission(Verb.WATCH, Resource.SERVICES, null))).isTrue();
        // Installation-wide resources are not in a cluster, so the scope does not limit them.
        assertThat(policy.allows(admin, new Permission(Verb.CREATE, Resource.TOKENS, "staging"))).isTrue();
    }

    @Test
    void builtInRolesGrantWhatTheirNameSays() {
        Caller viewer = token("viewer");
        assertThat(policy.allows(viewer, new Permission(Verb.GET, Resource.LOGS, "prod"))).isTrue();
        assertThat(policy.allows(viewer, new Permission(Verb.WATCH, Resource.SERVICES, null))).isTrue();
        assertThat(policy.allows(viewer, new Permission(Verb.CREATE, Resource.SERVICES, "prod"))).isFalse();
        assertThat(policy.allows(viewer, new Permission(Verb.LIST, Resource.CREDENTIALS, null))).isFalse();

        Caller deployer = token("deployer");
        assertThat(policy.allows(deployer, new Permission(Verb.UPDATE, Resource.SERVICES, "prod"))).isTrue();
        assertThat(policy.allows(deployer, new Permission(Verb.CREATE, Resource.TASK_DEFINITIONS, null))).isTrue();
        assertThat(policy.allows(deployer, new Permission(Verb.CREATE, Resource.INSTANCES, "prod"))).isFalse();
        assertThat(policy.allows(deployer, new Permission(Verb.DELETE, Resource.TASKS, "prod"))).isFalse();

        Caller operator = token("operator");
        assertThat(policy.allows(operator, new Permission(Verb.UPDATE, Resource.INSTANCES, "prod"))).isTrue();
        assertThat(policy.allows(operator, new Permission(Verb.DELETE, Resource.TASKS, "prod"))).isTrue();
        assertThat(policy.allows(operator, new Permission(Verb.EXEC, Resource.TASKS, "prod"))).isTrue();
        assertThat(policy.allows(viewer, new Permission(Verb.EXEC, Resource.TASKS, "prod"))).isFalse();
        assertThat(policy.allows(deployer, new Permission(Verb.EXEC, Resource.TASKS, "prod"))).isFalse();
        assertThat(policy.allows(operator, new Permission(Verb.UPDATE, Resource.POLICIES, "prod"))).isFalse();
        assertThat(policy.allows(operator, new Permission(Verb.CREATE, Resource.TOKENS, null))).isFalse();

        Caller admin = token("admin");
        for (Verb verb : Verb.values()) {
            for (Resource resource : Resource.values()) {
                assertThat(policy.allows(admin, new Permission(verb, resource, "any"))).isTrue();
            }
        }
    }

    @Test
    void aRuleWithClustersGrantsOnlyThereAndAnUnknownRoleGrantsNothing() {
        Caller reader = token("service-reader");
        assertThat(policy.allows(reader, new Permission(Verb.GET, Resource.SERVICES, "prod"))).isTrue();
        assertThat(policy.allows(reader, new Permission(Verb.GET, Resource.SERVICES, "staging"))).isFalse();
        assertThat(policy.allows(reader, new Permission(Verb.LIST, Resource.SERVICES, null))).isFalse();
        assertThat(policy.allows(token("gone"), new Permission(Verb.GET, Resource.SERVICES, "prod"))).isFalse();
    }

    @Test
    void nobodyGrantsMoreThanItHolds() {
        Caller deployerInProd = token("deployer", "prod");
        policy.checkCanGrant(deployerInProd, BuiltInRoles.VIEWER_ROLE, Set.of("prod"));
        policy.checkCanGrant(deployerInProd, BuiltInRoles.DEPLOYER_ROLE, Set.of("prod"));
        assertThatThrownBy(() -> policy.checkCanGrant(deployerInProd, BuiltInRoles.DEPLOYER_ROLE, Set.of("prod", "staging")))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("in cluster 'staging'");
        assertThatThrownBy(() -> policy.checkCanGrant(deployerInProd, BuiltInRoles.OPERATOR_ROLE, Set.of("prod")))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("may not grant what it does not hold");
        assertThatThrownBy(() -> policy.checkCanGrant(deployerInProd, BuiltInRoles.VIEWER_ROLE, Set.of()))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("in every cluster");
        // A role limited to prod grants nothing elsewhere, so handing it out with a wider scope is no escalation.
        policy.checkCanGrant(token("viewer", "prod"), SERVICE_READER, Set.of("prod", "staging"));
        policy.checkCanGrant(token("admin"), BuiltInRoles.ADMIN_ROLE, Set.of());
    }

    @Test
    void describesEveryKindOfCaller() {
        assertThat(AccessPolicy.describe(new Caller("admin", Caller.Source.ADMIN_TOKEN, Set.of("admin"), Set.of())))
                .isEqualTo("admin token 'admin' (role admin, all clusters)");
        assertThat(AccessPolicy.describe(new Caller("alice", Caller.Source.OIDC, Set.of("viewer", "deployer"), Set.of("b", "a"))))
                .isEqualTo("user 'alice' (roles deployer, viewer, clusters [a, b])");
    }

    @Test
    void heldListsWhatTheCallerMayDoSomewhereInItsClustersAndNothingElse() {
        Map<Resource, Set<Verb>> deployer = policy.held(token("deployer", "prod"));
        assertThat(deployer.get(Resource.SERVICES)).containsExactlyInAnyOrder(Verb.GET, Verb.LIST, Verb.WATCH,
                Verb.CREATE, Verb.UPDATE);
        assertThat(deployer.get(Resource.DEPLOYMENTS)).contains(Verb.CREATE);
        assertThat(deployer).doesNotContainKeys(Resource.TOKENS, Resource.AUDIT, Resource.CREDENTIALS);

        // A rule of prod only gives nothing to a token scoped to staging, and something to one scoped to prod.
        assertThat(policy.held(token("service-reader", "staging"))).isEmpty();
        assertThat(policy.held(token("service-reader", "prod", "staging")))
                .containsOnlyKeys(Resource.SERVICES)
                .containsEntry(Resource.SERVICES, Set.of(Verb.GET, Verb.LIST));
        assertThat(policy.held(token("no-such-role"))).isEmpty();
        assertThat(policy.held(token("admin")).get(Resource.TOKENS)).containsExactlyInAnyOrder(Verb.values());
    }
}
