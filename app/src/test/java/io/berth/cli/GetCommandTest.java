package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class GetCommandTest extends FakeServerTestBase {

    static final String SERVICES = """
            [{"name":"web","cluster":"default","status":"ACTIVE","taskDefinition":"web:2","desiredCount":3,
              "runningCount":3,"pendingCount":0,"labels":{},"createdAt":"2026-11-22T11:55:00Z",
              "updatedAt":"2026-11-22T11:58:00Z"},
             {"name":"background-jobs","cluster":"default","status":"DRAINING","taskDefinition":"jobs:14",
              "desiredCount":0,"runningCount":1,"pendingCount":0,"labels":{},"createdAt":"2026-11-20T12:00:00Z",
              "updatedAt":"2026-11-22T11:58:00Z"}]
            """;

    static final String TASKS = """
            [{"id":"3f2a9c1e-5b7d-4c1a-9e0f-0123456789ab","cluster":"default","service":"web","taskDefinition":"web:2",
              "containerInstanceId":"9d8e7f6a-1111-2222-3333-444455556666","desiredStatus":"RUNNING",
              "lastStatus":"RUNNING","stopCode":null,"stoppedReason":null,"createdAt":"2026-11-22T11:58:00Z",
              "startedAt":"2026-11-22T11:59:30Z","stoppingAt":null,"stoppedAt":null,
              "containers":[{"name":"httpd","dockerId":"abcdef0123456789","lastStatus":"RUNNING","exitCode":null,
                "reason":null,"health":"HEALTHY","hostPorts":[{"containerPort":8080,"hostPort":32768,"protocol":"tcp"}]}]},
             {"id":"77aa0000-5b7d-4c1a-9e0f-0123456789ab","cluster":"default","service":"web","taskDefinition":"web:1",
              "containerInstanceId":"9d8e7f6a-1111-2222-3333-444455556666","desiredStatus":"STOPPED",
              "lastStatus":"STOPPED","stopCode":"ServiceSchedulerInitiated","stoppedReason":"replaced by web:2",
              "createdAt":"2026-11-22T11:00:00Z","startedAt":"2026-11-22T11:00:05Z","stoppingAt":null,
              "stoppedAt":"2026-11-22T11:59:00Z","containers":[]}]
            """;

    @Test
    void servicesAreAKubectlLikeTable() {
        server.on("GET /v1/clusters/default/services", 200, SERVICES);

        Cli.Result result = cli.run("get", "services");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                NAME              CLUSTER   TASK DEFINITION   DESIRED   RUNNING   PENDING   STATUS     AGE
                web               default   web:2             3         3         0         ACTIVE     5m
                background-jobs   default   jobs:14           0         1         0         DRAINING   2d
                """);
    }

    @Test
    void theClusterOptionWorksBeforeAndAfterTheSubcommand() {
        server.on("GET /v1/clusters/prod/services", 200, "[]");
        server.on("GET /v1/clusters/prod/services/web", 200, Json.JSON.readTree(SERVICES).get(0).toString());

        assertThat(cli.run("-c", "prod", "get", "svc").exitCode()).isZero();
        assertThat(server.requests.getLast().path()).isEqualTo("/v1/clusters/prod/services");
        Cli.Result one = cli.run("get", "service", "web", "--cluster", "prod");
        assertThat(one.exitCode()).isZero();
        assertThat(server.requests.getLast().path()).isEqualTo("/v1/clusters/prod/services/web");
        assertThat(one.out().lines()).hasSize(2);
    }

    @Test
    void anEmptyListSaysSoOnStderr() {
        server.on("GET /v1/clusters/default/services", 200, "[]");

        Cli.Result result = cli.run("get", "services");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("No services found in cluster \"default\".\n");
    }

    @Test
    void tasksShowShortIdsPortsAndStopReasonsAndFilterByService() {
        server.on("GET /v1/clusters/default/tasks", 200, TASKS);

        Cli.Result result = cli.run("get", "tasks", "--service", "web", "--status", "running");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests.getLast().query()).isEqualTo("service=web&status=RUNNING");
        assertThat(result.out().lines()).containsExactly(
                "ID         SERVICE   TASK DEFINITION   LAST STATUS   DESIRED   INSTANCE   PORTS             "
                        + "STARTED   STARTED-BY   GROUP    STOP REASON",
                "3f2a9c1e   web       web:2             RUNNING       RUNNING   9d8e7f6a   32768->8080/tcp   30s"
                        + "       <none>       <none>   <none>",
                "77aa0000   web       web:1             STOPPED       STOPPED   9d8e7f6a   <none>            59m"
                        + "       <none>       <none>   ServiceSchedulerInitiated: replaced by web:2");
    }

    @Test
    void oneOffTasksShowStartedByAndGroupAndFilterByThemAsEcsListTasks() {
        server.on("GET /v1/clusters/default/tasks", 200, """
                [{"id":"5c5c0000-5b7d-4c1a-9e0f-0123456789ab","cluster":"default","service":null,
                  "taskDefinition":"migrate:4","containerInstanceId":"9d8e7f6a-1111-2222-3333-444455556666",
                  "desiredStatus":"RUNNING","lastStatus":"RUNNING","createdAt":"2026-11-22T11:58:00Z",
                  "startedAt":"2026-11-22T11:59:00Z","containers":[],"startedBy":"ci-42","group":"nightly"}]""");

        Cli.Result result = cli.run("get", "tasks", "--started-by", "ci-42", "--group", "nightly", "--family", "migrate",
                "--desired-status", "running");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.requests.getLast().query())
                .isEqualTo("status=RUNNING&startedBy=ci-42&group=nightly&family=migrate");
        assertThat(result.out().lines()).containsExactly(
                "ID         SERVICE   TASK DEFINITION   LAST STATUS   DESIRED   INSTANCE   PORTS    "
                        + "STARTED   STARTED-BY   GROUP     STOP REASON",
                "5c5c0000   <none>    migrate:4         RUNNING       RUNNING   9d8e7f6a   <none>   60s"
                        + "       ci-42        nightly   <none>");
    }

    @Test
    void taskFiltersAreRefusedForOtherResources() {
        Cli.Result result = cli.run("get", "services", "--started-by", "ci-42");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("--started-by").contains("apply to tasks only");
    }

    @Test
    void jsonOutputIsTheApiAnswer() {
        server.on("GET /v1/clusters/default/services", 200, SERVICES);

        Cli.Result result = cli.run("get", "services", "-o", "json");

        assertThat(result.exitCode()).isZero();
        JsonNode parsed = Json.JSON.readTree(result.out());
        assertThat(parsed).isEqualTo(Json.JSON.readTree(SERVICES));
    }

    @Test
    void yamlOutputIsTheApiAnswer() {
        server.on("GET /v1/clusters/default/services", 200, SERVICES);

        Cli.Result result = cli.run("get", "services", "-o", "yaml");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("- name: web\n").doesNotStartWith("---");
        assertThat(Json.Yaml.MAPPER.readTree(result.out())).isEqualTo(Json.JSON.readTree(SERVICES));
    }

    @Test
    void aTaskIsFoundByTheEightCharactersTheTableShows() {
        server.on("GET /v1/clusters/default/tasks", 200, TASKS);

        Cli.Result result = cli.run("get", "task", "3f2a9c1e", "-o", "json");

        assertThat(result.exitCode()).isZero();
        assertThat(Json.JSON.readTree(result.out()).path("taskDefinition").asString()).isEqualTo("web:2");
    }

    @Test
    void taskDefinitionsListFamiliesAndTheRevisionsOfOne() {
        server.on("GET /v1/task-definitions", 200,
                "[{\"family\":\"web\",\"latestRevision\":2,\"status\":\"ACTIVE\",\"createdAt\":\"2026-11-22T10:00:00Z\"}]");
        server.on("GET /v1/task-definitions/web", 200, """
                {"family":"web","revisions":[{"revision":1,"status":"ACTIVE","createdAt":"2026-11-22T10:00:00Z"},
                  {"revision":2,"status":"ACTIVE","createdAt":"2026-11-22T11:00:00Z"}]}""");

        assertThat(cli.run("get", "td").out()).isEqualTo("""
                NAME   LATEST REVISION   STATUS   AGE
                web    2                 ACTIVE   120m
                """);
        assertThat(cli.run("get", "task-definitions", "web").out()).isEqualTo("""
                NAME    STATUS   AGE
                web:1   ACTIVE   120m
                web:2   ACTIVE   60m
                """);
    }

    @Test
    void watchPrintsOnlyTheRowsThatChanged() {
        AtomicInteger polls = new AtomicInteger();
        server.on("GET /v1/clusters/default/services", request -> new FakeBerth.Reply(200,
                polls.incrementAndGet() < 3 ? SERVICES : SERVICES.replace("\"runningCount\":1", "\"runningCount\":0")));
        cli.interruptAfter = 3;

        Cli.Result result = cli.run("get", "services", "-w");

        assertThat(result.exitCode()).isZero();
        assertThat(polls.get()).isEqualTo(4);
        assertThat(result.out().lines()).hasSize(4).last().asString()
                .isEqualTo("background-jobs   default   jobs:14           0         0         0         DRAINING   2d");
    }

    @Test
    void watchMarksWhatWentAwayAndGoesOnWhenTheWatchedOneIsDeleted() {
        String web = Json.JSON.readTree(SERVICES).get(0).toString();
        AtomicInteger polls = new AtomicInteger();
        server.on("GET /v1/clusters/default/services/web", request -> polls.incrementAndGet() < 2
                ? new FakeBerth.Reply(200, web)
                : new FakeBerth.Reply(404, """
                        {"status":404,"error":"Not Found","message":"service \\"web\\" not found","errors":[]}"""));
        cli.interruptAfter = 3;

        Cli.Result result = cli.run("get", "service", "web", "-w");

        assertThat(result.exitCode()).isZero();
        assertThat(polls.get()).isEqualTo(4);
        assertThat(result.out().lines()).containsExactly(
                "NAME   CLUSTER   TASK DEFINITION   DESIRED   RUNNING   PENDING   STATUS   AGE",
                "web    default   web:2             3         3         0         ACTIVE   5m",
                "web    default   web:2             3         3         0         ACTIVE   5m   <deleted>");
    }

    @Test
    void watchWithJsonPrintsTheDocumentAgainOnlyWhenItChanged() {
        AtomicInteger polls = new AtomicInteger();
        server.on("GET /v1/clusters/default/services", request -> new FakeBerth.Reply(200,
                polls.incrementAndGet() < 3 ? SERVICES : SERVICES.replace("\"runningCount\":1", "\"runningCount\":0")));
        cli.interruptAfter = 3;

        Cli.Result result = cli.run("get", "services", "-w", "-o", "json");

        assertThat(result.exitCode()).isZero();
        assertThat(polls.get()).isEqualTo(4);
        assertThat(result.out().split("\n\\[", -1)).hasSize(2); // the first document and one change
        assertThat(result.out()).contains("\"runningCount\" : 0");
    }

    @Test
    void anUnknownTypeIsAUsageError() {
        Cli.Result result = cli.run("get", "pods");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("unknown resource type \"pods\"");
    }

    @Test
    void notFoundPrintsTheApiMessage() {
        server.on("GET /v1/clusters/default/services/nope", 404, """
                {"status":404,"error":"Not Found","message":"service \\"nope\\" not found in cluster \\"default\\"","errors":[]}""");

        Cli.Result result = cli.run("get", "service", "nope");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.API_ERROR);
        assertThat(result.err()).isEqualTo("error: service \"nope\" not found in cluster \"default\"\n");
    }
}
