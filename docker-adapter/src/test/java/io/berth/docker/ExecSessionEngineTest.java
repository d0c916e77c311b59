package io.berth.docker;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.berth.docker.DockerTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Interactive exec sessions on the real local engine: stdin, stdout and stderr apart, tty and resize, limits, close. */
@Tag("docker")
class ExecSessionEngineTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static DockerEngine engine;
    private final String caseId = DockerTestSupport.newCaseId();

    @BeforeAll
    static void connect() {
        engine = DockerTestSupport.localEngine();
    }

    @AfterEach
    void cleanUp() {
        DockerTestSupport.removeTestContainers(engine);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static final class Collected {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final CompletableFuture<ExecSession.End> end = new CompletableFuture<>();

        synchronized void chunk(LogChunk c) {
            (c.stderr() ? err : out).writeBytes(c.bytes());
        }

        synchronized String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        synchronized String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        ExecSession.End awaitEnd() throws Exception {
            return end.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private String running() {
        String id = engine.create(DockerTestSupport.testSpec(caseId).sh("sleep 300").build());
        engine.start(id);
        return id;
    }

    private static ExecRequest request(boolean tty, boolean stdin, String... command) {
        return new ExecRequest(List.of(command), tty, stdin, Duration.ofSeconds(30), Duration.ofMinutes(1), null);
    }

    @Test
    void stdinReachesTheCommandAndStdoutStderrAndTheExitCodeComeBack() throws Exception {
        String id = running();
        Collected c = new Collected();
        ExecSession session = engine.execSession(id, request(false, true, "sh"), c::chunk, c.end::complete);

        session.write("echo hi; echo oops >&2; exit 3\n".getBytes(StandardCharsets.UTF_8));

        assertThat(c.awaitEnd()).isEqualTo(new ExecSession.End(3, null));
        assertThat(c.out()).isEqualTo("hi\n");
        assertThat(c.err()).isEqualTo("oops\n");
        session.close();
        assertThat(engine.inspect(id).orElseThrow().running()).isTrue();
    }

    @Test
    void aTtySessionTakesItsInitialSizeAndResizes() throws Exception {
        String id = running();
        Collected c = new Collected();
        ExecRequest tty = new ExecRequest(List.of("sh"), true, true, Duration.ofSeconds(30), Duration.ofMinutes(1),
                new ExecRequest.TerminalSize(100, 30));
        ExecSession session = engine.execSession(id, tty, c::chunk, c.end::complete);

        session.write("stty size\n".getBytes(StandardCharsets.UTF_8));
        await(LIMIT, "the initial size", () -> c.out().contains("30 100"));
        session.resize(new ExecRequest.TerminalSize(132, 43));
        session.write("stty size; exit 0\n".getBytes(StandardCharsets.UTF_8));

        assertThat(c.awaitEnd()).isEqualTo(new ExecSession.End(0, null));
        assertThat(c.out()).contains("43 132");
        assertThat(c.err()).isEmpty();
    }

    @Test
    void closingEndsTheSessionAndLeavesTheContainerRunning() throws Exception {
        String id = running();
        Collected c = new Collected();
        ExecSession session = engine.execSession(id, request(false, true, "sh"), c::chunk, c.end::complete);
        session.write("echo ready\n".getBytes(StandardCharsets.UTF_8));
        await(LIMIT, "the shell", () -> c.out().contains("ready"));

        session.close();

        ExecSession.End end = c.awaitEnd();
        assertThat(end.reason() == null ? end.exitCode() : end.reason()).isNotNull();
        assertThat(engine.inspect(id).orElseThrow().running()).isTrue();
        assertThatThrownBy(() -> session.write("echo late\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EngineException.class);
    }

    @Test
    void anIdleSessionEndsAtItsIdleLimit() throws Exception {
        String id = running();
        Collected c = new Collected();
        ExecRequest idle = new ExecRequest(List.of("sleep", "60"), false, false, Duration.ofMillis(500),
                Duration.ofMinutes(1), null);

        engine.execSession(id, idle, c::chunk, c.end::complete);

        ExecSession.End end = c.awaitEnd();
        assertThat(end.exitCode()).isNull();
        assertThat(end.reason()).startsWith("idle limit");
        assertThat(engine.inspect(id).orElseThrow().running()).isTrue();
    }

    @Test
    void aStoppedContainerIsRefused() {
        String id = engine.create(DockerTestSupport.testSpec(caseId).sh("true").build());

        assertThatThrownBy(() -> engine.execSession(id, request(false, false, "true"), c -> { }, e -> { }))
                .isInstanceOf(EngineException.class)
                .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(EngineException.Kind.CONFLICT));
    }
}
