package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client-side {@code apply --wait}: the fake's service reaches its desired count over a few polls. */
class ApplyWaitTest {

    static final String APPLIED = """
            {"dryRun":false,"documents":[
              {"kind":"TaskDefinition","name":"web","result":"configured","revision":2},
              {"kind":"Service","name":"web","cluster":"default","result":"configured","taskDefinition":"web:2"}]}
            """;

    @TempDir
    Path dir;

    FakeBerth server;
    Cli cli;
    Path manifest;
    final AtomicInteger servicePolls = new AtomicInteger();

    @BeforeEach
    void setUp() throws IOException {
        server = new FakeBerth();
        server.on("POST /v1/apply", 200, APPLIED);
        cli = new Cli(dir);
        cli.env.put("BERTH_URL", server.url());
        manifest = Files.writeString(dir.resolve("web.yaml"), "kind: Service\n");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    static String service(long running) {
        return """
                {"name":"web","cluster":"default","status":"ACTIVE","taskDefinition":"web:2","desiredCount":3,
                 "runningCount":%d,"pendingCount":%d,"labels":{},"createdAt":"2026-11-22T11:00:00Z",
                 "updatedAt":"2026-11-22T11:59:00Z","events":[]}
                """.formatted(running, 3 - running);
    }

    static String task(String id, String revision, String desired, String last) {
        return """
                {"id":"%s","cluster":"default","service":"web","taskDefinition":"%s","desiredStatus":"%s",
                 "lastStatus":"%s","containers":[]}""".formatted(id, revision, desired, last);
    }

    @Test
    void waitsUntilTheDesiredCountRunsTheNewRevisionAndNoOldTaskRuns() {
        // polls 1..3: 0, 1, 3 running; an old web:1 task runs until poll 4
        server.on("GET /v1/clusters/default/services/web", request -> {
            int poll = servicePolls.incrementAndGet();
            return new FakeBerth.Reply(200, service(poll == 1 ? 0 : poll == 2 ? 1 : 3));
        });
        server.on("GET /v1/clusters/default/tasks", request -> new FakeBerth.Reply(200, servicePolls.get() < 4
                ? "[" + task("11111111-0000-0000-0000-000000000000", "web:1", "STOPPED", "RUNNING") + ","
                        + task("22222222-0000-0000-0000-000000000000", "web:2", "RUNNING", "RUNNING") + "]"
                : "[" + task("11111111-0000-0000-0000-000000000000", "web:1", "STOPPED", "STOPPED") + ","
                        + task("22222222-0000-0000-0000-000000000000", "web:2", "RUNNING", "RUNNING") + "]"));

        Cli.Result result = cli.run("apply", "-f", manifest.toString(), "--wait");

        assertThat(result.exitCode()).isZero();
        assertThat(servicePolls.get()).isEqualTo(4);
        assertThat(cli.sleeps.get()).isEqualTo(3);
        assertThat(result.out()).endsWith("service/default/web rolled out: 3/3 running (web:2)\n");
        assertThat(server.requests).anyMatch(r -> r.uri().equals("/v1/clusters/default/tasks?service=web"));
    }

    @Test
    void showsAProgressLineOnATerminal() {
        server.on("GET /v1/clusters/default/services/web", request ->
                new FakeBerth.Reply(200, service(servicePolls.incrementAndGet() < 3 ? 1 : 3)));
        server.on("GET /v1/clusters/default/tasks", 200, "[]");
        cli.tty = true;

        Cli.Result result = cli.run("apply", "-f", manifest.toString(), "--wait");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\r\033[KWaiting for service/default/web: 1/3 running (web:2), 2 pending");
    }

    @Test
    void givesUpAfterTheTimeoutWithExitFour() {
        server.on("GET /v1/clusters/default/services/web", request -> {
            servicePolls.incrementAndGet();
            return new FakeBerth.Reply(200, service(1));
        });
        server.on("GET /v1/clusters/default/tasks", 200,
                "[" + task("11111111-0000-0000-0000-000000000000", "web:1", "RUNNING", "RUNNING") + "]");

        Cli.Result result = cli.run("apply", "-f", manifest.toString(), "--wait", "--timeout", "10s");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
        // 1s polls on the fake clock: checks at 0..10s
        assertThat(servicePolls.get()).isEqualTo(11);
        assertThat(result.err().lines()).containsExactly("error: timed out after 10s waiting for "
                + "service/default/web: 1/3 running (web:2), 2 pending, 1 old task still running");
    }

    @Test
    void unchangedServicesAndDryRunsAreNotWaitedFor() {
        server.on("POST /v1/apply", 200, APPLIED.replace("\"configured\",\"taskDefinition\"",
                "\"unchanged\",\"taskDefinition\""));

        Cli.Result result = cli.run("apply", "-f", manifest.toString(), "--wait");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests).noneMatch(r -> r.method().equals("GET"));
    }
}
