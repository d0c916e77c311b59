package io.berth.app.security.oidc;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Groups to roles and clusters: groups add up; a typo in the settings stops the start, naming the setting. */
class GroupMappingTest {

    private final GroupMapping mapping = GroupMapping.of(
            Map.of("platform-team", List.of("admin"), "ci", List.of("deployer"), "dev", List.of("operator", "viewer")),
            Map.of("ci", List.of("prod"), "dev", List.of("dev", "staging")));

    @Test
    void rolesAndClustersAddUpOverTheMappedGroups() {
        assertThat(mapping.grant(List.of("ci", "dev", "other"))).isEqualTo(new GroupMapping.Grant(
                java.util.Set.of("deployer", "operator", "viewer"), java.util.Set.of("prod", "dev", "staging")));
    }

    @Test
    void oneUnlimitedGroupMeansEveryCluster() {
        assertThat(mapping.grant(List.of("ci", "platform-team")).clusters()).isEmpty();
    }

    @Test
    void unmappedGroupsGiveNothing() {
        assertThat(mapping.grant(List.of("marketing"))).isEqualTo(
                new GroupMapping.Grant(java.util.Set.of(), java.util.Set.of()));
        assertThat(mapping.grant(List.of())).isEqualTo(new GroupMapping.Grant(java.util.Set.of(), java.util.Set.of()));
    }

    @Test
    void clustersForAGroupWithoutRolesAreATypo() {
        assertThatThrownBy(() -> GroupMapping.of(Map.of("ci", List.of("deployer")), Map.of("cl", List.of("prod"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("berth.security.oidc.group-clusters.cl");
    }

    @Test
    void aGroupMustMapToARole() {
        java.util.HashMap<String, List<String>> roles = new java.util.HashMap<>();
        roles.put("ci", null);
        assertThatThrownBy(() -> GroupMapping.of(roles, Map.of()))
                .hasMessageContaining("berth.security.oidc.group-roles.ci");
        assertThatThrownBy(() -> GroupMapping.of(Map.of("ci", List.of(" ")), Map.of()))
                .hasMessageContaining("berth.security.oidc.group-roles.ci");
    }
}
