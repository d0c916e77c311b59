package io.berth.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduledTaskCommandsTest extends FakeServerTestBase {

    static final String NIGHTLY = """
            {"name":"nightly","cluster":"default","schedule":"30 2 * * *","timezone":"Europe/Berlin",
             "taskDefinition":"report","count":1,"concurrency":"Forbid","startingDeadline":"5m","suspend":false,
             "nextRun":"2026-11-22T12:05:00Z","lastRun":"2026-11-22T11:55:00Z",
             "lastExitCodes":{"3f2a9c1e-5b7d-4c1a-9e0f-0123456789ab":{"app":0,"sidecar":1}},
             "firings":[{"fireTime":"2026-11-22T11:55:00Z","outcome":"STARTED",
                         "taskIds":["3f2a9c1e-5b7d-4c1a-9e0f-0123456789ab"],"status":"FAILED"}],
             "labels":{},"createdAt":"2026-11-21T12:00:00Z"}
            """;

    static final String OFTEN = """
            {"name":"often","cluster":"default","schedule":"*/5 * * * * *","timezone":"UTC",
             "taskDefinition":"ping","count":1,"concurrency":"Forbid","suspend":false,
             "nextRun":"2026-11-22T12:00:05Z","lastRun":"2026-11-22T12:00:00Z","lastExitCodes":{},
             "firings":[{"fireTime":"2026-11-22T12:00:00Z","outcome":"SKIPPED","reason":"skipped: concurrency Forbid",
                         "taskIds":[]}],
             "labels":{},"createdAt":"2026-11-21T12:00:00Z"}
            """;

    @Test
    void scheduledTasksListScheduleNextLastAndLastExit() {
        server.on("GET /v1/clusters/default/scheduled-tasks", 200, "[" + NIGHTLY + "," + OFTEN + "]");

        Cli.Result result = cli.run("get", "scheduled-tasks");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                NAME      SCHEDULE                     NEXT    LAST     LAST EXIT
                nightly   30 2 * * * (Europe/Berlin)   in 5m   5m ago   0,1
                often     */5 * * * * *                in 5s   0s ago   skipped
                """);
    }

    @Test
    void oneScheduledTaskAsJsonOrDescribed() {
        server.on("GET /v1/clusters/default/scheduled-tasks/nightly", 200, NIGHTLY);

        Cli.Result json = cli.run("get", "st", "nightly", "-o", "json");
        Cli.Result described = cli.run("describe", "scheduled-task", "nightly");

        assertThat(Json.JSON.readTree(json.out())).isEqualTo(Json.JSON.readTree(NIGHTLY));
        assertThat(described.exitCode()).isZero();
        assertThat(described.out()).contains("schedule: 30 2 * * *").contains("nextRun:");
    }

    @Test
    void deleteScheduledTask() {
        server.on("DELETE /v1/clusters/prod/scheduled-tasks/nightly", 204, "");
        server.on("DELETE /v1/clusters/prod/scheduled-tasks/nope", 404, """
                {"status":404,"message":"scheduled task \\"nope\\" not found in cluster \\"prod\\""}
                """);

        Cli.Result deleted = cli.run("-c", "prod", "delete", "scheduled-task", "nightly");
        Cli.Result missing = cli.run("-c", "prod", "delete", "st", "nope");

        assertThat(deleted.exitCode()).isZero();
        assertThat(deleted.out()).isEqualTo("scheduled-task/nightly deleted\n");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("not found");
    }
}
