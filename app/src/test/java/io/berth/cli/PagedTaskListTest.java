package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** {@code get tasks} follows the server's continue tokens: every task is shown, as from an unpaged list. */
class PagedTaskListTest extends FakeServerTestBase {

    @Test
    void getTasksFollowsContinueTokensToTheLastPage() {
        JsonNode tasks = Json.JSON.readTree(GetCommandTest.TASKS);
        server.on("GET /v1/clusters/default/tasks", request -> {
            boolean second = request.query() != null && request.query().contains("continue=tok%2Fen-1");
            return second ? new FakeBerth.Reply(200, "[" + tasks.get(1) + "]")
                    : new FakeBerth.Reply(200, "[" + tasks.get(0) + "]", Map.of("Berth-Continue", "tok/en-1"));
        });

        Cli.Result result = cli.run("get", "tasks", "--service", "web");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("3f2a9c1e").contains("77aa0000");
        assertThat(server.requests).hasSize(2);
        assertThat(server.requests.getLast().query()).contains("service=web").contains("continue=tok%2Fen-1");
    }
}
