package io.berth.docker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * An engine that accepts the connection and never answers (a hung dockerd, a half-dead proxy): every call a pass makes
 * must come back, with a failure, within its bound instead of holding the pass. The fake host is a {@link ServerSocket}
 * that accepts and stays silent. Needs no Docker. Prints how long each call was held.
 */
class SilentEngineTest {

    private static final Logger log = LoggerFactory.getLogger(SilentEngineTest.class);
    /** Far above every configured bound below: reaching it means the call had no bound at all. */
    private static final Duration HANG = Duration.ofSeconds(15);

    private ServerSocket silent;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private DockerEngine engine;

    @BeforeEach
    void silentHost() throws IOException {
        silent = new ServerSocket(0);
        Thread.ofVirtual().start(() -> {
            try {
                while (!silent.isClosed()) accepted.add(silent.accept());
            } catch (IOException closed) {
                // test over
            }
        });
        engine = DockerEngines.connect(EngineConfig.of("tcp://127.0.0.1:" + silent.getLocalPort())
                .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(400))
                .withPull(Duration.ofMillis(600))
                .withRetry(EngineConfig.RetrySettings.NONE)
                // A breaker that stays closed: each call must be bounded by its own timeout, not by a breaker that
                // opened because of the calls before it.
                .withBreaker(new EngineConfig.BreakerSettings(100f, 100, 100, Duration.ofMinutes(1), 1)));
    }

    @AfterEach
    void close() throws IOException {
        engine.close();
        silent.close();
        for (Socket s : accepted) s.close();
    }

    @Test
    void everyCallOfAPassFailsWithinItsBound() {
        timesOut("info", engine::info);
        timesOut("list", () -> engine.list(Map.of("berth.service", "x")));
        timesOut("inspect", () -> engine.inspect("abc"));
        timesOut("create", () -> engine.create(SpecBuilder.image("busybox:1.36").name("silent-x").build()));
        timesOut("start", () -> {
            engine.start("abc");
            return null;
        });
        timesOut("stop", () -> {
            engine.stop("abc", Duration.ZERO);
            return null;
        });
        timesOut("remove", () -> {
            engine.remove("abc");
            return null;
        });
        timesOut("image inspect", () -> engine.ensureImage("busybox:1.36", PullPolicy.DEFAULT));
        timesOut("create network", () -> {
            engine.createNetwork("silent-net", Map.of());
            return null;
        });
        timesOut("list networks", () -> engine.networks(Map.of()));
        timesOut("create volume", () -> {
            engine.createVolume("silent-vol", null, null, Map.of());
            return null;
        });
        timesOut("list volumes", () -> engine.volumes(Map.of()));
        timesOut("remove volume", () -> {
            engine.removeVolume("silent-vol");
            return null;
        });
        assertThat(held("ping", () -> engine.ping())).as("a silent engine is not alive").isFalse();
    }

    @Test
    void aPullOfASilentEngineEndsAtThePullTimeout() {
        // ALWAYS: no image inspect first, straight to the pull on the client without a response timeout
        ImageResult result = held("pull", () -> engine.ensureImage("busybox:1.36", PullPolicy.ALWAYS));
        assertThat(result.available()).isFalse();
        assertThat(result.pulled()).isFalse();
        assertThat(result.message()).contains("pull of busybox:1.36 timed out");
    }

    @Test
    void streamsOfASilentEngineHandTheCallerBackAtOnce() {
        // Events and logs run on clients without a response timeout; the caller waits only for the subscription
        // (bounded by the connect timeout) and hears of failures through the callback.
        DockerEngine.Subscription events = held("events", () -> {
            try {
                return engine.events(Map.of(), e -> { }, e -> { });
            } catch (EngineException refused) {
                return () -> { };
            }
        });
        events.close();
        DockerEngine.Subscription logs = held("logs", () -> {
            try {
                return engine.logs("abc", new LogRequest(true, 10, null), c -> { }, e -> { });
            } catch (EngineException refused) {
                return () -> { };
            }
        });
        logs.close();
    }

    private void timesOut(String call, ThrowingSupplier<?> body) {
        assertThatThrownBy(() -> held(call, body)).as(call)
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).as(call + ": " + e.getMessage())
                        .isEqualTo(EngineException.Kind.TIMEOUT));
    }

    private static <T> T held(String call, ThrowingSupplier<T> body) {
        long start = System.nanoTime();
        try {
            return assertTimeoutPreemptively(HANG, body, call + " had no bound");
        } finally {
            log.info("silent engine: {} held the caller {} ms", call, (System.nanoTime() - start) / 1_000_000);
        }
    }
}
