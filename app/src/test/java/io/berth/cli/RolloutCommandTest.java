package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class RolloutCommandTest extends FakeServerTestBase {

    static final String A = "aaaaaaaa-0000-0000-0000-000000000000";
    static final String B = "bbbbbbbb-0000-0000-0000-000000000000";

    static String rollout(String id, String revision, String state, int running, String reason) {
        return """
                {"service":"web","cluster":"default","desiredCount":3,"done":%s,"succeeded":%s,"id":"%s",
                 "taskDefinition":"%s","status":"PRIMARY","rolloutState":"%s","trigger":"UPDATED",
                 "runningCount":%d,"pendingCount":%d,"failedTasks":0%s}
                """.formatted(!state.equals("IN_PROGRESS"), state.equals("COMPLETED"), id, revision, state, running,
                3 - running, reason == null ? "" : ",\"reason\":\"" + reason + "\"");
    }

    static String deployment(String id, String revision, String status, String state, String trigger, int running,
                             int failed, String reason) {
        return """
                {"id":"%s","taskDefinition":"%s","status":"%s","rolloutState":"%s","trigger":"%s","desiredCount":3,
                 "runningCount":%d,"pendingCount":0,"failedTasks":%d,"createdAt":"2026-11-22T11:50:00Z"%s}
                """.formatted(id, revision, status, state, trigger, running, failed,
                reason == null ? "" : ",\"reason\":\"" + reason + "\"");
    }

    @Test
    void statusPrintsTheCurrentRolloutAndItsStateDecidesTheExitCode() {
        server.on("GET /v1/clusters/default/services/web/rollout", 200, rollout(A, "web:2", "IN_PROGRESS", 1, null));

        Cli.Result running = cli.run("rollout", "status", "service/web");

        assertThat(running.exitCode()).isZero();
        assertThat(running.out()).isEqualTo("service/default/web: web:2 IN_PROGRESS: 1/3 running, 2 pending\n");

        server.on("GET /v1/clusters/default/services/web/rollout", 200,
                rollout(A, "web:2", "FAILED", 0, "circuit breaker tripped"));
        Cli.Result failed = cli.run("rollout", "status", "web");

        assertThat(failed.exitCode()).isEqualTo(ExitCodes.ROLLOUT_FAILED);
        assertThat(failed.out()).contains("web:2 FAILED: 0/3 running, 3 pending (circuit breaker tripped)");
    }

    @Test
    void statusWatchPrintsEachChangeUntilTheRolloutCompletes() {
        AtomicInteger polls = new AtomicInteger();
        server.on("GET /v1/clusters/default/services/web/rollout", request -> {
            int poll = polls.incrementAndGet();
            return new FakeBerth.Reply(200, switch (poll) {
                case 1, 2 -> rollout(A, "web:2", "IN_PROGRESS", 1, null);
                case 3 -> rollout(A, "web:2", "IN_PROGRESS", 2, null);
                default -> rollout(A, "web:2", "COMPLETED", 3, null);
            });
        });

        Cli.Result result = cli.run("rollout", "status", "service/web", "--watch");

        assertThat(result.exitCode()).isZero();
        assertThat(polls.get()).isEqualTo(4);
        assertThat(cli.sleeps.get()).isEqualTo(3);
        assertThat(result.out()).isEqualTo("""
                service/default/web: web:2 IN_PROGRESS: 1/3 running, 2 pending
                service/default/web: web:2 IN_PROGRESS: 2/3 running, 1 pending
                service/default/web: web:2 COMPLETED: 3/3 running
                service/default/web successfully rolled out (web:2)
                """);
    }

    @Test
    void statusWatchReportsTheWatchedDeploymentRolledBackEvenThoughTheRollbackCompletes() {
        AtomicInteger polls = new AtomicInteger();
        server.on("GET /v1/clusters/default/services/web/rollout", request -> new FakeBerth.Reply(200,
                polls.incrementAndGet() == 1 ? rollout(A, "web:2", "IN_PROGRESS", 1, null)
                        : rollout(B, "web:1", "COMPLETED", 3, null)));
        server.on("GET /v1/clusters/default/services/web/deployments", 200, "["
                + deployment(B, "web:1", "PRIMARY", "COMPLETED", "ROLLBACK", 3, 0, null) + ","
                + deployment(A, "web:2", "INACTIVE", "ROLLED_BACK", "UPDATED", 0, 2, "circuit breaker: 2 tasks failed")
                + "]");

        Cli.Result result = cli.run("rollout", "status", "service/web", "-w");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ROLLOUT_FAILED);
        assertThat(result.err().lines()).containsExactly(
                "error: service/default/web: rollout of web:2 ROLLED_BACK: circuit breaker: 2 tasks failed");
    }

    @Test
    void statusWatchGivesUpAtTheTimeoutWithExitFour() {
        server.on("GET /v1/clusters/default/services/web/rollout", 200, rollout(A, "web:2", "IN_PROGRESS", 1, null));

        Cli.Result result = cli.run("rollout", "status", "service/web", "--watch", "--timeout", "5s");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(cli.sleeps.get()).isEqualTo(5); // 1s polls on the fake clock, checks at 0..5s
        assertThat(result.out().lines()).hasSize(1);
        assertThat(result.err()).startsWith("error: timed out after 5s waiting for the rollout of service/default/web");
    }

    @Test
    void historyIsATableOfTheDeploymentsNewestFirst() {
        server.on("GET /v1/clusters/prod/services/web/deployments", 200, "["
                + deployment(B, "web:1", "PRIMARY", "COMPLETED", "ROLLBACK", 3, 0, null) + ","
                + deployment(A, "web:2", "INACTIVE", "ROLLED_BACK", "UPDATED", 0, 2, "circuit breaker") + "]");

        Cli.Result result = cli.run("rollout", "history", "service/prod/web");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                DEPLOYMENT   TASK DEFINITION   STATUS     ROLLOUT       TRIGGER    DESIRED   RUNNING   FAILED   AGE   REASON
                bbbbbbbb     web:1             PRIMARY    COMPLETED     ROLLBACK   3         3         0        10m   <none>
                aaaaaaaa     web:2             INACTIVE   ROLLED_BACK   UPDATED    3         0         2        10m   circuit breaker
                """);
        assertThat(cli.run("rollout", "history", "svc/web", "-c", "prod", "-o", "json").out())
                .contains("\"rolloutState\" : \"ROLLED_BACK\"");
    }

    @Test
    void undoPostsARollbackOptionallyToARevision() {
        server.on("POST /v1/clusters/default/services/web/rollback", 202,
                deployment(B, "web:1", "PRIMARY", "IN_PROGRESS", "ROLLBACK", 0, 0, null));

        Cli.Result previous = cli.run("rollout", "undo", "service/web");
        assertThat(previous.exitCode()).isZero();
        assertThat(server.last("POST").body()).isEqualTo("{}");
        assertThat(previous.out()).isEqualTo("service/default/web rolling back to web:1 (deployment bbbbbbbb)\n");

        Cli.Result toThree = cli.run("rollout", "undo", "service/web", "--to-revision", "3");
        assertThat(toThree.exitCode()).isZero();
        assertThat(server.last("POST").body()).isEqualTo("{\"taskDefinition\":\"3\"}");
        assertThat(server.last("POST").header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void undoAnswersTheServersRefusal() {
        server.on("POST /v1/clusters/default/services/web/rollback", 409, """
                {"status":409,"error":"Conflict","message":"service \\"web\\" has no earlier completed revision","errors":[]}""");

        Cli.Result result = cli.run("rollout", "undo", "web");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.API_ERROR);
        assertThat(result.err().lines()).containsExactly("error: service \"web\" has no earlier completed revision");
    }

    @Test
    void restartWithWaitFollowsTheNewDeployment() {
        server.on("POST /v1/clusters/default/services/web/restart", 202,
                deployment(B, "web:2", "PRIMARY", "IN_PROGRESS", "RESTART", 0, 0, null));
        AtomicInteger polls = new AtomicInteger();
        server.on("GET /v1/clusters/default/services/web/rollout", request -> new FakeBerth.Reply(200,
                polls.incrementAndGet() < 3 ? rollout(B, "web:2", "IN_PROGRESS", 2, null)
                        : rollout(B, "web:2", "COMPLETED", 3, null)));

        Cli.Result result = cli.run("rollout", "restart", "service/web", "--wait");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("service/default/web restarting (web:2, deployment bbbbbbbb)\n")
                .endsWith("service/default/web successfully rolled out (web:2)\n");
        assertThat(polls.get()).isEqualTo(3);
    }

    @Test
    void somethingThatIsNotAServiceIsBadInput() {
        Cli.Result task = cli.run("rollout", "status", "task/abc");
        assertThat(task.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(task.err()).startsWith("error: rollouts are of services, not \"task\"");

        assertThat(cli.run("rollout", "status", "service/").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("rollout", "undo", "web", "--to-revision", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("rollout").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(server.requests).isEmpty();
    }
}
