package io.berth.cli;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** berth run-task, stop-task and logs against a fake server. */
class OneOffTaskCommandsTest extends FakeServerTestBase {

    private static final String ID = "7a1b2c3d-0000-4000-8000-000000000001";

    private static String task(String lastStatus, String stopCode, String reason, Integer exitCode) {
        return """
                {"id":"%s","cluster":"default","taskDefinition":"job:1","containerInstanceId":"11111111-2222-3333-4444-555555555555",
                 "desiredStatus":"%s","lastStatus":"%s","stopCode":%s,"stoppedReason":%s,"createdAt":"2026-11-22T11:59:00Z",
                 "containers":[{"name":"main","lastStatus":"%s","exitCode":%s,"hostPorts":[]}],"startedBy":"ci","group":null}
                """.formatted(ID, "STOPPED".equals(lastStatus) ? "STOPPED" : "RUNNING", lastStatus,
                stopCode == null ? "null" : "\"" + stopCode + "\"", reason == null ? "null" : "\"" + reason + "\"",
                lastStatus, exitCode == null ? "null" : exitCode);
    }

    @Test
    void runTaskWithCommandAndEnvWaitsAndExitsWithTheContainersCode() {
        server.on("GET /v1/task-definitions/job", 200, """
                {"family":"job","revisions":[{"revision":1,"status":"ACTIVE"}]}""");
        server.on("GET /v1/task-definitions/job:1", 200, """
                {"family":"job","revision":1,"status":"ACTIVE","spec":{"containers":[
                  {"name":"side","image":"busybox:1.36","essential":false},{"name":"main","image":"busybox:1.36","essential":true}]}}""");
        server.on("POST /v1/clusters/default/tasks", 201,
                "{\"tasks\":[" + task("PROVISIONING", null, null, null) + "],\"failures\":[]}");
        AtomicInteger polls = new AtomicInteger();
        server.on("GET /v1/clusters/default/tasks/" + ID, request -> new FakeBerth.Reply(200, polls.incrementAndGet() < 3
                ? task("RUNNING", null, null, null)
                : task("STOPPED", "EssentialContainerExited", "Essential container in task exited: main exited with code 3", 3)));

        Cli.Result result = cli.run("run-task", "job", "--env", "MODE=full", "--started-by", "ci", "--wait",
                "--", "sh", "-c", "exit 3");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
        assertThat(result.out()).contains("task/" + ID + " started (job:1")
                .contains("task/" + ID + " stopped: EssentialContainerExited: Essential container in task exited: main exited with code 3");
        String body = server.last("POST").body();
        assertThat(body).contains("\"taskDefinition\":\"job\"", "\"startedBy\":\"ci\"", "\"name\":\"main\"",
                "\"command\":[\"sh\",\"-c\",\"exit 3\"]", "\"environment\":{\"MODE\":\"full\"}");
    }

    @Test
    void runTaskThatCouldNotBePlacedSaysWhyAndFails() {
        server.on("POST /v1/clusters/default/tasks", 201, """
                {"tasks":[],"failures":[{"arn":"job:1","reason":"unable to place the task: 1 instance checked — 1 lack memory"}]}""");

        Cli.Result result = cli.run("run-task", "job");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.API_ERROR);
        assertThat(result.err()).contains("not started: unable to place the task: 1 instance checked — 1 lack memory");
    }

    @Test
    void aClientTokenIsSentAsECSsClientToken() {
        server.on("POST /v1/clusters/default/tasks", 201,
                "{\"tasks\":[" + task("PROVISIONING", null, null, null) + "],\"failures\":[]}");

        Cli.Result result = cli.run("run-task", "job", "--client-token", "ci-1234-job");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(server.last("POST").body()).contains("\"clientToken\":\"ci-1234-job\"");
    }

    @Test
    void waitingForATaskThatFailedToStartExitsWithOne() {
        server.on("POST /v1/clusters/default/tasks", 201,
                "{\"tasks\":[" + task("PROVISIONING", null, null, null) + "],\"failures\":[]}");
        server.on("GET /v1/clusters/default/tasks/" + ID, 200,
                task("STOPPED", "TaskFailedToStart", "CannotPullContainerError: no such image", null));

        Cli.Result result = cli.run("run-task", "job", "--wait");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.API_ERROR);
        assertThat(result.out()).contains("TaskFailedToStart: CannotPullContainerError: no such image");
    }

    @Test
    void waitGivesUpAfterItsTimeout() {
        server.on("POST /v1/clusters/default/tasks", 201,
                "{\"tasks\":[" + task("PROVISIONING", null, null, null) + "],\"failures\":[]}");
        server.on("GET /v1/clusters/default/tasks/" + ID, 200, task("RUNNING", null, null, null));

        Cli.Result result = cli.run("run-task", "job", "--wait", "--timeout", "10s");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(result.err()).contains("1 of 1 tasks still running after 10s");
    }

    @Test
    void stopTaskByPrefixSendsTheReason() {
        server.on("GET /v1/clusters/default/tasks", 200, "[" + task("RUNNING", null, null, null) + "]");
        server.on("POST /v1/clusters/default/tasks/" + ID + "/stop", 200,
                task("RUNNING", "UserInitiated", "wrong input", null));

        Cli.Result result = cli.run("stop-task", "7a1b", "--reason", "wrong input");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("task/" + ID + " stopping: wrong input");
        assertThat(server.last("POST").body()).isEqualTo("{\"reason\":\"wrong input\"}");
    }

    @Test
    void logsStreamsTheOnlyContainersOutput() {
        server.on("GET /v1/clusters/default/tasks", 200, "[" + task("RUNNING", null, null, null) + "]");
        server.on("GET /v1/clusters/default/tasks/" + ID + "/containers/main/logs", 200, "line 1\nline 2\n");

        Cli.Result result = cli.run("logs", "7a1b", "-f", "--tail", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("line 1\nline 2\n");
        assertThat(server.last("GET").query()).isEqualTo("follow=true&tail=2");
    }

    @Test
    void logsOfAMissingContainerIsAClearError() {
        server.on("GET /v1/clusters/default/tasks", 200, "[" + task("STOPPED", "EssentialContainerExited", "done", 0) + "]");
        server.on("GET /v1/clusters/default/tasks/" + ID + "/containers/main/logs", 404, """
                {"status":404,"error":"Not Found","message":"container \\"main\\" of task x was removed","errors":[]}""");

        Cli.Result result = cli.run("logs", "7a1b");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.API_ERROR);
        assertThat(result.err()).contains("container \"main\" of task x was removed");
    }
}
