package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;

class DescribeAndDeleteTest extends FakeServerTestBase {

    @Test
    void describeServiceShowsCountsTasksAndEventsNewestFirst() {
        server.on("GET /v1/clusters/default/services/web", 200, """
                {"name":"web","cluster":"default","status":"ACTIVE","taskDefinition":"web:2","desiredCount":3,
                 "runningCount":2,"pendingCount":1,"labels":{"team":"shop"},"createdAt":"2026-11-22T11:00:00Z",
                 "updatedAt":"2026-11-22T11:58:00Z","events":[
                   {"createdAt":"2026-11-22T11:59:00Z","message":"(service web) has started 1 task: 3f2a9c1e"},
                   {"createdAt":"2026-11-22T11:59:50Z","message":"(service web) task 77aa0000 died (exit 137)"},
                   {"createdAt":"2026-11-22T11:00:00Z","message":"(service web) was created"}]}""");
        server.on("GET /v1/clusters/default/services/web/deployments", 200, "[]");
        server.on("GET /v1/clusters/default/tasks", 200, GetCommandTest.TASKS);

        Cli.Result result = cli.run("describe", "service", "web");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Name:             web\n", "Task Definition:  web:2\n",
                "Replicas:         3 desired | 2 running | 1 pending\n", "Labels:           team=shop\n",
                "Created:          2026-11-22T11:00:00Z (60m ago)\n");
        assertThat(result.out()).contains("  3f2a9c1e   web:2");
        String events = result.out().substring(result.out().indexOf("Events:"));
        assertThat(events.lines()).containsExactly(
                "Events:",
                "  AGE   MESSAGE",
                "  10s   (service web) task 77aa0000 died (exit 137)",
                "  60s   (service web) has started 1 task: 3f2a9c1e",
                "  60m   (service web) was created");
        assertThat(server.requests).anyMatch(r -> "service=web&status=RUNNING".equals(r.query()));
    }

    @Test
    void describeTaskShowsItsContainers() {
        server.on("GET /v1/clusters/default/tasks", 200, GetCommandTest.TASKS);

        Cli.Result result = cli.run("describe", "task", "3f2a");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("ID:               3f2a9c1e-5b7d-4c1a-9e0f-0123456789ab\n")
                .contains("  httpd   RUNNING   HEALTHY   <none>      32768->8080/tcp   abcdef012345   <none>");
    }

    @Test
    void describeTaskShowsPullTimesOnlyWhenAnImageWasPulled() {
        server.on("GET /v1/clusters/default/tasks", 200, GetCommandTest.TASKS.replace(
                "\"startedAt\":\"2026-11-22T11:59:30Z\"", "\"startedAt\":\"2026-11-22T11:59:30Z\","
                        + "\"pullStartedAt\":\"2026-11-22T11:58:01Z\",\"pullStoppedAt\":\"2026-11-22T11:59:20Z\""));

        String pulled = cli.run("describe", "task", "3f2a").out();
        String cached = cli.run("describe", "task", "77aa").out();

        assertThat(pulled).contains("Created:          2026-11-22T11:58:00Z (2m ago)\n"
                + "Pull Started:     2026-11-22T11:58:01Z (119s ago)\n"
                + "Pull Stopped:     2026-11-22T11:59:20Z (40s ago)\n"
                + "Started:          2026-11-22T11:59:30Z (30s ago)\n");
        assertThat(cached).doesNotContain("Pull Started");
    }

    @Test
    void describeTaskDefinitionPrintsTheLatestRevisionsSpecAsYaml() {
        server.on("GET /v1/task-definitions/web", 200, """
                {"family":"web","revisions":[{"revision":1,"status":"ACTIVE","createdAt":"2026-11-22T10:00:00Z"},
                  {"revision":2,"status":"ACTIVE","createdAt":"2026-11-22T11:00:00Z"}]}""");
        server.on("GET /v1/task-definitions/web:2", 200, """
                {"family":"web","revision":2,"status":"ACTIVE","createdAt":"2026-11-22T11:00:00Z",
                 "spec":{"containers":[{"name":"httpd","image":"busybox:1.36","memory":64}]}}""");

        Cli.Result result = cli.run("describe", "td", "web");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Name:             web:2\n", "Revisions:        1, 2\n",
                "Spec:\n  containers:\n  - name: httpd\n    image: busybox:1.36\n    memory: 64\n");
    }

    @Test
    void deleteWithWaitAsksTheServerToWait() {
        server.on("DELETE /v1/clusters/prod/services/web", 200, """
                {"name":"web","cluster":"prod","status":"INACTIVE","taskDefinition":"web:2","desiredCount":0,
                 "runningCount":0,"pendingCount":0,"labels":{}}""");

        Cli.Result result = cli.run("delete", "service", "web", "-c", "prod", "--wait", "--timeout", "2m");

        assertThat(result.exitCode()).isZero();
        assertThat(server.last("DELETE").uri()).isEqualTo("/v1/clusters/prod/services/web?wait=true&timeout=2m");
        assertThat(result.out()).isEqualTo("service/prod/web deleted\n");
    }

    @Test
    void deleteWithoutWaitReportsDraining() {
        server.on("DELETE /v1/clusters/default/services/web", 202, """
                {"name":"web","cluster":"default","status":"DRAINING","desiredCount":0}""");

        Cli.Result result = cli.run("delete", "svc", "web");

        assertThat(result.exitCode()).isZero();
        assertThat(server.last("DELETE").uri()).isEqualTo("/v1/clusters/default/services/web");
        assertThat(result.out()).startsWith("service/default/web deleting (DRAINING");
    }

    @Test
    void aWaitThatTheServerGivesUpOnIsExitFour() {
        server.on("DELETE /v1/clusters/default/services/web", 504, """
                {"status":504,"error":"Gateway Timeout","message":"service \\"web\\" in cluster \\"default\\" is still draining after 60s; it will be removed when its tasks have stopped","errors":[]}""");

        Cli.Result result = cli.run("delete", "service", "web", "--wait");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(server.last("DELETE").query()).isEqualTo("wait=true&timeout=1m");
        assertThat(result.err()).startsWith("error: service \"web\" in cluster \"default\" is still draining");
    }

    @Test
    void onlyServicesCanBeDeleted() {
        Cli.Result result = cli.run("delete", "task", "3f2a9c1e");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(server.requests).isEmpty();
    }
}
