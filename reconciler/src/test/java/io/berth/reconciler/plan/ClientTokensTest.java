package io.berth.reconciler.plan;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ClientTokensTest {

    @Test
    void theSameTokenInTheSameClusterGivesTheSameIdsInOrder() {
        assertThat(ClientTokens.taskIds("prod", "t-1", 3)).isEqualTo(ClientTokens.taskIds("prod", "t-1", 3));
    }

    @Test
    void theFirstIdsOfEveryOtherCountTellAReusedTokenApart() {
        List<UUID> others = ClientTokens.otherCounts("prod", "t-1", 3);
        assertThat(others).hasSize(RunTaskPlan.MAX_COUNT - 1)
                .contains(ClientTokens.taskIds("prod", "t-1", 1).getFirst(), ClientTokens.taskIds("prod", "t-1", 10).getFirst())
                .doesNotContainAnyElementsOf(ClientTokens.taskIds("prod", "t-1", 3));
    }

    @Test
    void clustersTokensAndPlacesGiveDistinctIdsThatNoRandomIdCanEqual() {
        Set<UUID> seen = new HashSet<>();
        for (List<UUID> ids : List.of(ClientTokens.taskIds("prod", "t-1", 3), ClientTokens.taskIds("prod", "t-2", 3),
                ClientTokens.taskIds("staging", "t-1", 3), ClientTokens.taskIds("prod:t", "-1", 3),
                ClientTokens.taskIds("prod", "1:t-1", 3))) {
            for (UUID id : ids) {
                assertThat(seen.add(id)).as("distinct: " + id).isTrue();
                assertThat(id.version()).as("name-based, never a random task id").isEqualTo(3);
            }
        }
    }

    @Test
    void ecsRulesForTheTokenItself() {
        assertThat(ClientTokens.problem("deploy-9f2c/migrate")).isNull();
        assertThat(ClientTokens.problem("x".repeat(64))).isNull();
        assertThat(ClientTokens.problem("x".repeat(65))).contains("1 to 64");
        assertThat(ClientTokens.problem("")).contains("1 to 64");
        assertThat(ClientTokens.problem("a b")).contains("character 2");
        assertThat(ClientTokens.problem("é")).contains("character 1");
    }
}
