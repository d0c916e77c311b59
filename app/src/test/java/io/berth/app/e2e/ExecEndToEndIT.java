package io.berth.app.e2e;

import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exec as a user meets it, on the real jar, engine and PostgreSQL: refused while the cluster's policy does not allow
 * it and for a viewer; through the WebSocket a shell fed on stdin with stdout and the exit code back, a tty whose
 * resize reaches {@code stty size}; the same through {@code berth exec}; and each session in the audit trail.
 */
@Tag("docker")
class ExecEndToEndIT {

    private static final String PREFIX = "e2e-exec-";
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    private static DockerEngine docker;
    private static BerthProcess berth;

    @BeforeAll
    static void start() {
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        berth = new BerthProcess("exec", List.of("--berth.reconciler.resync-interval=2s",
                "--berth.reconciler.stop-timeout=1s"), "exec");
        berth.start();
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            berth.close();
        }
        if (docker != null) {
            E2eContainers.removeManaged(docker, "berth.task-definition", PREFIX);
            docker.close();
        }
    }

    /** One WebSocket session's messages by channel. */
    private static final class Session implements WebSocket.Listener {
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        final CompletableFuture<JsonNode> status = new CompletableFuture<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        WebSocket socket;

        @Override
        public synchronized CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            partial.writeBytes(bytes);
            if (last) {
                byte[] m = partial.toByteArray();
                partial.reset();
                switch (m[0]) {
                    case 1 -> stdout.write(m, 1, m.length - 1);
                    case 2 -> stderr.write(m, 1, m.length - 1);
                    case 3 -> status.complete(JSON.readTree(new String(m, 1, m.length - 1, StandardCharsets.UTF_8)));
                    default -> throw new AssertionError("unexpected channel " + m[0]);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int code, String reason) {
            status.completeExceptionally(new AssertionError("closed without status: " + code + " " + reason));
            return null;
        }

        synchronized String out() {
            return stdout.toString(StandardCharsets.UTF_8);
        }

        void send(int channel, String text) throws Exception {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            ByteBuffer frame = ByteBuffer.allocate(payload.length + 1).put((byte) channel).put(payload).flip();
            socket.sendBinary(frame, true).get(10, TimeUnit.SECONDS);
        }

        JsonNode awaitStatus() throws Exception {
            return status.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static Session open(String path) throws Exception {
        Session session = new Session();
        session.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + BerthProcess.TOKEN)
                .buildAsync(URI.create(berth.url().replaceFirst("^http", "ws") + path), session)
                .get(10, TimeUnit.SECONDS);
        return session;
    }

    private record CliRun(int exit, String out, String err) {
    }

    private static CliRun cli(String stdin, String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        io.berth.cli.CliContext context = new io.berth.cli.CliContext(Map.of(), java.nio.file.Path.of("target"),
                new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true), false, Duration.ofMillis(300), Duration.ofSeconds(2),
                java.time.Instant::now, d -> Thread.sleep(d));
        List<String> all = new ArrayList<>(List.of("--server", berth.url(), "--token", BerthProcess.TOKEN));
        all.addAll(List.of(args));
        int exit = io.berth.cli.BerthCli.run(all.toArray(String[]::new), context);
        return new CliRun(exit, out.toString(), err.toString());
    }

    @Test
    void execThroughTheWebSocketAndTheCliIsAllowedByPolicyAndRoleAndAudited() throws Exception {
        long started = System.nanoTime();
        String family = PREFIX + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> applied = berth.send("POST", "/v1/apply", "application/yaml", """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %s}
                spec:
                  containers:
                    - name: main
                      image: busybox:1.36
                      command: [sleep, "600"]
                      memory: 16
                """.formatted(family));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        HttpResponse<String> run = berth.send("POST", "/v1/clusters/default/tasks", "application/json",
                "{\"taskDefinition\": \"%s\"}".formatted(family));
        assertThat(run.statusCode()).as(run.body()).isEqualTo(201);
        String id = JSON.readTree(run.body()).get("tasks").get(0).get("id").asString();
        Await.until(Duration.ofSeconds(60), "task " + id + " RUNNING", () -> "RUNNING".equals(
                berth.getJson("/v1/clusters/default/tasks/" + id).get("lastStatus").asString()));
        String exec = "/v1/clusters/default/tasks/" + id + "/containers/main/exec";

        // Off until the cluster's policy allows it: refused naming the policy setting.
        HttpResponse<String> off = berth.send("GET", exec + "?command=sh", null, null);
        assertThat(off.statusCode()).as(off.body()).isEqualTo(403);
        assertThat(JSON.readTree(off.body()).path("message").asString()).contains("allowExec is false");
        HttpResponse<String> policy = berth.send("PUT", "/v1/clusters/default/policy", "application/json",
                "{\"allowExec\":true}");
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);

        // A viewer may not exec: 403 naming the verb and resource.
        String name = "e2e-exec-viewer-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> token = berth.send("POST", "/v1/tokens", "application/json",
                "{\"name\":\"" + name + "\",\"role\":\"viewer\",\"clusters\":[\"default\"]}");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        String viewer = JSON.readTree(token.body()).path("secret").asString();
        HttpResponse<String> refused = berth.send("GET", exec + "?command=sh", null, null, viewer);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("message").asString()).contains("may not exec tasks");

        // The WebSocket: a shell fed on stdin; stdout and then the exit code.
        Session shell = open(exec + "?command=sh&stdin=true");
        shell.send(0, "echo hi; echo oops >&2; exit 3\n");
        JsonNode status = shell.awaitStatus();
        assertThat(status.path("exitCode").asInt()).as(status.toString()).isEqualTo(3);
        assertThat(shell.out()).isEqualTo("hi\n");
        assertThat(shell.stderr.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");

        // A tty: the size sent first and a resize later both reach stty.
        Session tty = open(exec + "?command=sh&stdin=true&tty=true");
        tty.send(4, "{\"Width\":100,\"Height\":30}");
        tty.send(0, "stty size\n");
        Await.until(LIMIT, "the first size in " + tty.out(), () -> tty.out().contains("30 100"));
        tty.send(4, "{\"Width\":132,\"Height\":43}");
        tty.send(0, "stty size; exit 0\n");
        assertThat(tty.awaitStatus().path("exitCode").asInt()).isZero();
        assertThat(tty.out()).contains("43 132");

        // The CLI: stdin piped in, the remote exit code as its own.
        CliRun cli = cli("echo hi; exit 3\n", "exec", id.substring(0, 8), "-i", "--", "sh");
        assertThat(cli.exit()).as(cli.out() + cli.err()).isEqualTo(3);
        assertThat(cli.out()).isEqualTo("hi\n");
        CliRun args = cli("", "exec", id.substring(0, 8), "main", "--", "sh", "-c", "echo \"$0 $1\"; exit 5", "a b", "c");
        assertThat(args.exit()).as(args.out() + args.err()).isEqualTo(5);
        assertThat(args.out()).isEqualTo("a b c\n");

        // The audit trail: one event per session, with its command, duration and exit code.
        Await.until(LIMIT, "four exec events in the audit trail", () -> execEvents().size() >= 4);
        List<JsonNode> events = execEvents();
        JsonNode first = events.getLast(); // newest first
        assertThat(first.path("user").asString()).isEqualTo("admin");
        assertThat(first.path("cluster").asString()).isEqualTo("default");
        assertThat(first.path("name").asString()).isEqualTo(id);
        assertThat(first.path("subresource").asString()).isEqualTo("containers/main/exec");
        assertThat(first.path("exec").path("command").toString()).isEqualTo("[\"sh\"]");
        assertThat(first.path("exec").path("exitCode").asInt()).isEqualTo(3);
        assertThat(first.path("exec").has("durationMs")).isTrue();
        assertThat(first.path("exec").path("durationMs").asLong()).isNotNegative();
        assertThat(first.toString()).doesNotContain("echo hi").doesNotContain("oops");
        System.out.printf("ExecEndToEndIT: task running to four audited sessions in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

        berth.send("POST", "/v1/clusters/default/tasks/" + id + "/stop", "application/json", "{}");
    }

    private static List<JsonNode> execEvents() {
        List<JsonNode> events = new ArrayList<>();
        berth.getJson("/v1/audit?cluster=default").forEach(e -> {
            if ("exec".equals(e.path("verb").asString())) {
                events.add(e);
            }
        });
        return events;
    }
}
