package io.berth.docker;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.berth.docker.DockerTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Engines that cannot be reached: fail fast with UNREACHABLE, then CIRCUIT_OPEN. Needs no Docker. */
class UnreachableEngineTest {

    private static final EngineConfig.RetrySettings FAST_RETRY =
            new EngineConfig.RetrySettings(2, Duration.ofMillis(20), 2.0, Duration.ofMillis(50));
    private static final EngineConfig.BreakerSettings SMALL_BREAKER =
            new EngineConfig.BreakerSettings(50f, 4, 4, Duration.ofMinutes(1), 1);

    private static EngineException.Kind kindOf(Runnable call) {
        try {
            call.run();
            return null;
        } catch (EngineException e) {
            return e.kind();
        }
    }

    @Test
    void missingUnixSocketIsUnreachableQuicklyThenTheBreakerOpens() {
        EngineConfig config = EngineConfig.of("unix:///tmp/berth-nonexistent.sock").withRetry(FAST_RETRY).withBreaker(SMALL_BREAKER);
        try (DockerEngine engine = DockerEngines.connect(config)) {
            // UNREACHABLE, not TIMEOUT: the call failed on connecting instead of waiting out a timeout (no timing
            // assertion: this machine's load must not decide the test)
            assertThatThrownBy(engine::info).isInstanceOfSatisfying(EngineException.class,
                    e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.UNREACHABLE));
            assertThat(engine.ping()).isFalse();

            // inspect must not pretend "no such container" when the engine is down
            assertThat(kindOf(() -> engine.inspect("abc"))).isEqualTo(EngineException.Kind.UNREACHABLE);
            assertThat(kindOf(() -> engine.list(Map.of()))).isEqualTo(EngineException.Kind.CIRCUIT_OPEN);
            assertThat(kindOf(() -> engine.create(SpecBuilder.image("busybox:1.36").name("x").build())))
                    .isEqualTo(EngineException.Kind.CIRCUIT_OPEN);
            assertThat(((DockerJavaEngine) engine).breakerState()).isEqualTo("OPEN");
        }
    }

    /**
     * A closed local port: connection refused. (A "blackholed" address cannot be used on this machine: an egress
     * proxy accepts every TCP connection and answers an empty 404, which the next test covers.)
     */
    @Test
    void refusedTcpPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        EngineConfig config = EngineConfig.of("tcp://127.0.0.1:" + port)
                .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5))
                .withRetry(EngineConfig.RetrySettings.NONE);
        try (DockerEngine engine = DockerEngines.connect(config)) {
            assertThat(kindOf(engine::info)).as("refused at connect, not a response timeout")
                    .isEqualTo(EngineException.Kind.UNREACHABLE);
        }
    }

    @Test
    void somethingThatIsNotDockerIsUnreachableNotAMissingContainer() throws Exception {
        HttpServer notDocker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        notDocker.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        notDocker.start();
        EngineConfig config = EngineConfig.of("tcp://127.0.0.1:" + notDocker.getAddress().getPort())
                .withRetry(EngineConfig.RetrySettings.NONE);
        try (DockerEngine engine = DockerEngines.connect(config)) {
            assertThat(kindOf(() -> engine.inspect("abc"))).isEqualTo(EngineException.Kind.UNREACHABLE);
            assertThat(kindOf(() -> engine.remove("abc"))).isEqualTo(EngineException.Kind.UNREACHABLE);
            assertThat(engine.ping()).isFalse();
        } finally {
            notDocker.stop(0);
        }
    }

    @Test
    void eventStreamOfAnUnreachableEngineReportsOnce() {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (DockerEngine engine = DockerEngines.connect(EngineConfig.of("unix:///tmp/berth-nonexistent.sock"))) {
            engine.events(Map.of(), e -> { }, errors::add);
            await(Duration.ofSeconds(5), "onError", () -> !errors.isEmpty());
            assertThat(errors).singleElement().isInstanceOfSatisfying(EngineException.class,
                    e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.UNREACHABLE));
        }
    }
}
