package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Every list the CLI shows follows the server's continue tokens (as {@code get tasks} does): clusters, instances,
 * task definition families and a family's revisions, a service's deployments. Each fake list answers in two pages.
 */
class PagedListsTest extends FakeServerTestBase {

    /** Answers {@code first} with a token, and {@code second} to the request that passes it back. */
    private void twoPages(String route, String first, String second) {
        server.on(route, request -> request.query() != null && request.query().contains("continue=next%2Fpage")
                ? new FakeBerth.Reply(200, second)
                : new FakeBerth.Reply(200, first, Map.of("Berth-Continue", "next/page")));
    }

    @Test
    void getInstancesShowsEveryPage() {
        JsonNode instances = Json.JSON.readTree(InstanceCommandsTest.INSTANCES);
        twoPages("GET /v1/clusters/default/container-instances", "[" + instances.get(0) + "]",
                "[" + instances.get(1) + "]");

        Cli.Result result = cli.run("get", "instances");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("9d8e7f6a").contains("1a2b3c4d");
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void getClustersShowsEveryPage() {
        twoPages("GET /v1/clusters", "[{\"name\":\"alpha\",\"activeServices\":1,\"runningTasks\":2,\"instances\":1}]",
                "[{\"name\":\"beta\",\"activeServices\":0,\"runningTasks\":0,\"instances\":0}]");

        Cli.Result result = cli.run("get", "clusters");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("alpha").contains("beta");
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void taskDefinitionFamiliesAndRevisionsShowEveryPage() {
        twoPages("GET /v1/task-definitions",
                "[{\"family\":\"api\",\"latestRevision\":1,\"status\":\"ACTIVE\",\"createdAt\":\"2026-11-22T10:00:00Z\"}]",
                "[{\"family\":\"web\",\"latestRevision\":2,\"status\":\"ACTIVE\",\"createdAt\":\"2026-11-22T10:00:00Z\"}]");
        twoPages("GET /v1/task-definitions/web",
                "{\"family\":\"web\",\"revisions\":[{\"revision\":1,\"status\":\"ACTIVE\",\"createdAt\":\"2026-11-22T10:00:00Z\"}]}",
                "{\"family\":\"web\",\"revisions\":[{\"revision\":2,\"status\":\"ACTIVE\",\"createdAt\":\"2026-11-22T11:00:00Z\"}]}");

        assertThat(cli.run("get", "td").out()).isEqualTo("""
                NAME   LATEST REVISION   STATUS   AGE
                api    1                 ACTIVE   120m
                web    2                 ACTIVE   120m
                """);
        assertThat(cli.run("get", "task-definitions", "web").out()).isEqualTo("""
                NAME    STATUS   AGE
                web:1   ACTIVE   120m
                web:2   ACTIVE   60m
                """);
        assertThat(server.requests).hasSize(4);
    }

    @Test
    void rolloutHistoryShowsEveryPage() {
        twoPages("GET /v1/clusters/prod/services/web/deployments",
                "[" + RolloutCommandTest.deployment(RolloutCommandTest.B, "web:2", "PRIMARY", "COMPLETED", "UPDATED", 3, 0, null) + "]",
                "[" + RolloutCommandTest.deployment(RolloutCommandTest.A, "web:1", "INACTIVE", "COMPLETED", "CREATED", 0, 0, null) + "]");

        Cli.Result result = cli.run("rollout", "history", "service/prod/web");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("bbbbbbbb").contains("aaaaaaaa");
        assertThat(server.requests).hasSize(2);
    }
}
