package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code apply --wait}: the server waits ({@code ?wait=true&timeout=}) and its answer decides the exit code; on a
 * terminal a progress line from {@code …/rollout} is drawn on stderr meanwhile.
 */
class ApplyWaitTest extends FakeServerTestBase {

    static final String MANIFEST = """
            apiVersion: berth/v1
            kind: TaskDefinition
            metadata: {name: web}
            spec: {containers: [{name: httpd, image: busybox:1.36}]}
            ---
            apiVersion: berth/v1
            kind: Service
            metadata: {name: web}
            spec: {taskDefinition: web, desiredCount: 3}
            """;

    static String answer(String rollout, String error) {
        return """
                {"dryRun":false,"documents":[
                  {"kind":"TaskDefinition","name":"web","result":"configured","revision":2},
                  {"kind":"Service","name":"web","cluster":"default","result":"configured","taskDefinition":"web:2",
                   "rollout":%s}]%s}
                """.formatted(rollout, error == null ? "" : ",\"error\":\"" + error + "\"");
    }

    static String rollout(String state, int running, int pending) {
        return rollout("bbbbbbbb-0000-0000-0000-000000000000", "web:2", state, running, pending);
    }

    static String rollout(String id, String revision, String state, int running, int pending) {
        return """
                {"service":"web","cluster":"default","desiredCount":3,"done":%s,"succeeded":%s,"id":"%s",
                 "taskDefinition":"%s","status":"PRIMARY","rolloutState":"%s","trigger":"UPDATED",
                 "runningCount":%d,"pendingCount":%d,"failedTasks":0}
                """.formatted(!state.equals("IN_PROGRESS"), state.equals("COMPLETED"), id, revision, state, running,
                pending);
    }

    Path manifest;

    @BeforeEach
    void writeManifest() throws IOException {
        manifest = Files.writeString(home.resolve("web.yaml"), MANIFEST);
    }

    @Test
    void theServerWaitsWithTheGivenTimeoutAndACompletedRolloutIsExitZero() {
        server.on("POST /v1/apply", 200, answer("{\"rolloutState\":\"COMPLETED\"}", null));

        Cli.Result result = cli.run("apply", "-f", manifest.toString(), "--wait", "--timeout", "90s");

        assertThat(result.exitCode()).isZero();
        assertThat(server.last("POST").query()).isEqualTo("wait=true&timeout=1m30s");
        assertThat(result.out()).isEqualTo("""
                taskdefinition/web configured (revision 2)
                service/default/web configured (web:2), rolled out
                """);
        // not a terminal: no polling, no progress line
        assertThat(server.requests).extracting(FakeBerth.Request::method).containsExactly("POST");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void aRolledBackRolloutIsExitFiveWithTheServersReason() {
        server.on("POST /v1/apply", 409, answer(
                "{\"rolloutState\":\"ROLLED_BACK\",\"reason\":\"circuit breaker: 2 tasks failed\"}",
                "service \\\"web\\\": deployment rolled back: circuit breaker: 2 tasks failed"));

        Cli.Result result = cli.run("apply", "-f", manifest.toString(), "--wait");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ROLLOUT_FAILED);
        assertThat(server.last("POST").query()).isEqualTo("wait=true&timeout=5m");
        assertThat(result.out()).contains("service/default/web configured (web:2), rollout ROLLED_BACK: "
                + "circuit breaker: 2 tasks failed");
        assertThat(result.err().lines()).containsExactly(
                "error: service \"web\": deployment rolled back: circuit breaker: 2 tasks failed");
    }

    @Test
    void aRolloutStillGoingAtTheTimeoutIsExitFour() {
        server.on("POST /v1/apply", 504, answer("{\"rolloutState\":\"IN_PROGRESS\"}",
                "timed out after 10s waiting for the rollout of service \\\"web\\\" (still IN_PROGRESS)"));

        Cli.Result result = cli.run("apply", "-f", manifest.toString(), "--wait", "--timeout", "10s");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(result.out()).contains("service/default/web configured (web:2), rollout IN_PROGRESS");
        assertThat(result.err()).startsWith("error: timed out after 10s waiting for the rollout of service \"web\"");
    }

    @Test
    void aConflictThatIsNotARolloutStaysAnApiError() {
        server.on("POST /v1/apply", 409, """
                {"status":409,"error":"Conflict","message":"service \\"web\\" is being deleted","errors":[]}""");

        Cli.Result result = cli.run("apply", "-f", manifest.toString(), "--wait");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.API_ERROR);
        assertThat(result.err().lines()).containsExactly("error: service \"web\" is being deleted");
    }

    @Test
    void aBadTimeoutRejectedByTheServerIsBadInput() {
        server.on("POST /v1/apply", 400, """
                {"status":400,"error":"Bad Request","message":"timeout must be at most 30m","errors":[]}""");

        Cli.Result result = cli.run("apply", "-f", manifest.toString(), "--wait", "--timeout", "2h");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().lines()).containsExactly("error: timeout must be at most 30m");
    }

    @Test
    void onATerminalTheRolloutProgressIsRedrawnOnStderrWhileTheServerWaits() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        // the third poll proves the second one's line was drawn (draw, sleep, poll)
        CountDownLatch threePolls = new CountDownLatch(3);
        server.on("GET /v1/clusters/default/services/web/rollout", request -> {
            int poll = polls.incrementAndGet();
            threePolls.countDown();
            return new FakeBerth.Reply(200, poll == 1 ? rollout("IN_PROGRESS", 1, 2) : rollout("IN_PROGRESS", 2, 1));
        });
        // the apply is answered only once the display has drawn two lines
        server.on("POST /v1/apply", request -> {
            try {
                assertThat(threePolls.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new FakeBerth.Reply(200, answer("{\"rolloutState\":\"COMPLETED\"}", null));
        });
        cli.tty = true;

        Cli.Result result = cli.run("apply", "-f", manifest.toString(), "--wait");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err())
                .contains("\r\033[KWaiting for service/default/web: web:2 IN_PROGRESS: 1/3 running, 2 pending")
                .contains("\r\033[KWaiting for service/default/web: web:2 IN_PROGRESS: 2/3 running, 1 pending")
                .endsWith("\r\033[K");
        assertThat(result.out()).endsWith("service/default/web configured (web:2), rolled out\n");
    }

    @Test
    void thePreviousFinishedDeploymentIsNotShownAsIfItWereThisApplys() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        CountDownLatch threePolls = new CountDownLatch(3);
        server.on("GET /v1/clusters/default/services/web/rollout", request -> {
            int poll = polls.incrementAndGet();
            threePolls.countDown();
            // the apply is not stored yet at the first poll: the service's rollout is still web:1's
            return new FakeBerth.Reply(200, poll == 1
                    ? rollout("aaaaaaaa-0000-0000-0000-000000000000", "web:1", "COMPLETED", 3, 0)
                    : rollout("IN_PROGRESS", 1, 2));
        });
        server.on("POST /v1/apply", request -> {
            try {
                assertThat(threePolls.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new FakeBerth.Reply(200, answer("{\"rolloutState\":\"COMPLETED\"}", null));
        });
        cli.tty = true;

        Cli.Result result = cli.run("apply", "-f", manifest.toString(), "--wait");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("Waiting for service/default/web: waiting for the new deployment")
                .contains("Waiting for service/default/web: web:2 IN_PROGRESS: 1/3 running, 2 pending")
                .doesNotContain("web:1");
    }

    @Test
    void unchangedAndDryRunAppliesAreNotHeld() {
        server.on("POST /v1/apply", 200, answer("null", null));

        Cli.Result result = cli.run("apply", "-f", manifest.toString(), "--wait", "--dry-run");

        assertThat(result.exitCode()).isZero();
        assertThat(server.last("POST").query()).isEqualTo("dryRun=true");
    }
}
