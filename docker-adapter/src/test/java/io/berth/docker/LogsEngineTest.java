package io.berth.docker;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.berth.docker.DockerTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Container logs on the real local engine: whole, tail, followed until the container stops, missing container. */
@Tag("docker")
class LogsEngineTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);
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

    /** Collects a stream: stdout and stderr apart, and how it ended. */
    private static final class Collected {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final CompletableFuture<Throwable> end = new CompletableFuture<>();

        synchronized void chunk(LogChunk c) {
            (c.stderr() ? err : out).writeBytes(c.bytes());
        }

        void ended(Throwable t) {
            end.complete(t);
        }

        synchronized String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        synchronized String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        Throwable awaitEnd() throws Exception {
            return end.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private String runToCompletion(String script) {
        String id = engine.create(DockerTestSupport.testSpec(caseId).sh(script).build());
        engine.start(id);
        await(LIMIT, "exit of " + id, () -> !engine.inspect(id).orElseThrow().running());
        return id;
    }

    @Test
    void readsStdoutAndStderrApartAndEnds() throws Exception {
        String id = runToCompletion("echo to-out; echo to-err >&2");
        Collected c = new Collected();

        engine.logs(id, new LogRequest(false, null, null), c::chunk, c::ended);

        assertThat(c.awaitEnd()).isNull();
        assertThat(c.out()).isEqualTo("to-out\n");
        assertThat(c.err()).isEqualTo("to-err\n");
    }

    @Test
    void timestampsPrefixEachLineWithTheTimeOfItsWrite() throws Exception {
        java.time.Instant before = java.time.Instant.now().minusSeconds(1);
        String id = runToCompletion("echo first; echo second >&2");
        Collected c = new Collected();

        engine.logs(id, new LogRequest(false, null, null, true), c::chunk, c::ended);

        assertThat(c.awaitEnd()).isNull();
        for (String line : (c.out() + c.err()).split("\n")) {
            String[] parts = line.split(" ", 2);
            assertThat(java.time.Instant.parse(parts[0])).as(line).isAfter(before);
            assertThat(parts[1]).isIn("first", "second");
        }
        assertThat(c.out()).endsWith(" first\n");
        assertThat(c.err()).endsWith(" second\n");
    }

    @Test
    void tailGivesTheLastLines() throws Exception {
        String id = runToCompletion("for i in 1 2 3 4 5; do echo line$i; done");
        Collected c = new Collected();

        engine.logs(id, new LogRequest(false, 2, null), c::chunk, c::ended);

        assertThat(c.awaitEnd()).isNull();
        assertThat(c.out()).isEqualTo("line4\nline5\n");
    }

    @Test
    void followingEndsWhenTheContainerStops() throws Exception {
        String id = engine.create(DockerTestSupport.testSpec(caseId)
                .sh("for i in 1 2 3; do echo tick$i; sleep 0.3; done").build());
        engine.start(id);
        Collected c = new Collected();

        engine.logs(id, new LogRequest(true, null, null), c::chunk, c::ended);

        assertThat(c.awaitEnd()).isNull();
        assertThat(c.out()).isEqualTo("tick1\ntick2\ntick3\n");
        assertThat(engine.inspect(id).orElseThrow().running()).isFalse();
    }

    @Test
    void closingAFollowedStreamEndsItWithoutCallingOnEnd() throws Exception {
        String id = engine.create(DockerTestSupport.testSpec(caseId).sh("while true; do echo x; sleep 0.1; done").build());
        engine.start(id);
        Collected c = new Collected();
        DockerEngine.Subscription s = engine.logs(id, new LogRequest(true, null, null), c::chunk, c::ended);
        await(LIMIT, "first output", () -> !c.out().isEmpty());

        s.close();
        engine.stop(id, Duration.ZERO); // the container stopping would end the stream: a closed one reports nothing

        assertThat(engine.inspect(id).orElseThrow().running()).isFalse();
        assertThat(c.end).isNotDone();
    }

    /**
     * Log streams have a pool of their own: with one connection for streams, pulls and stops and one for logs, a
     * followed log holds the log connection and a stop still gets through (sharing a pool, it would wait for it).
     */
    @Test
    void aFollowedLogDoesNotTakeTheConnectionAStopNeeds() throws Exception {
        DockerEngine narrow = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT).withConnections(1, 1));
        try {
            String id = narrow.create(DockerTestSupport.testSpec(caseId).sh("while true; do echo x; sleep 0.1; done")
                    .build());
            narrow.start(id);
            Collected c = new Collected();
            DockerEngine.Subscription s = narrow.logs(id, new LogRequest(true, null, null), c::chunk, c::ended);
            await(LIMIT, "first output", () -> !c.out().isEmpty());

            CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> narrow.stop(id, Duration.ZERO));
            stop.get(LIMIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(narrow.inspect(id).orElseThrow().running()).isFalse();
            s.close();
        } finally {
            narrow.close();
        }
    }

    @Test
    void missingContainerEndsWithNotFound() throws Exception {
        Collected c = new Collected();
        Throwable error;
        try {
            engine.logs("berth-test-no-such-container-" + caseId, new LogRequest(false, null, null), c::chunk, c::ended);
            error = c.awaitEnd();
        } catch (EngineException e) {
            error = e;
        }
        assertThat(error).isInstanceOf(EngineException.class);
        assertThat(((EngineException) error).kind()).isEqualTo(EngineException.Kind.NOT_FOUND);
    }
}
