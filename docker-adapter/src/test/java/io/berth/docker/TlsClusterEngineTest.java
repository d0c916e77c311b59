package io.berth.docker;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.berth.docker.DockerTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The adapter against a real cluster of Docker engines reached over mutual TLS: the hosts berth-h1..N that
 * {@code scripts/cluster-up.sh} runs on this machine, each dockerd in its own network namespace on
 * tcp://198.18.0.(10+i):2376 with --tlsverify. Skipped (with the reason) when that cluster is not set up here;
 * {@code scripts/ensure-cluster.sh} sets it up (root).
 *
 * <p>Failure injection goes through {@code scripts/cluster-host.sh}: {@code stop}/{@code start} a host's engine,
 * {@code cut}/{@code heal} its link (a partition with the engine alive).
 */
@Tag("cluster")
@Timeout(value = 5, unit = TimeUnit.MINUTES) // hang guard per test, not a speed check
class TlsClusterEngineTest {

    private static final Logger log = LoggerFactory.getLogger(TlsClusterEngineTest.class);

    private static final Path TLS = Path.of(System.getProperty("berth.cluster.tls", "/var/lib/berth-hosts/tls"));
    private static final Path HOSTS_FILE = Path.of(System.getProperty("berth.cluster.hosts", "/run/berth-hosts/hosts"));
    private static final String SETUP_HINT = "run scripts/ensure-cluster.sh (as root) to set up the local cluster";

    /** Short, so that failures show within seconds; the waits below are bounded by them. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    private static final EngineConfig.RetrySettings RETRY =
            new EngineConfig.RetrySettings(2, Duration.ofMillis(100), 2.0, Duration.ofMillis(200));
    /** Every attempt may take connect + response timeout, plus the backoffs, plus slack for a loaded 2-core machine. */
    private static final Duration CALL_BOUND = CONNECT_TIMEOUT.plus(RESPONSE_TIMEOUT).multipliedBy(RETRY.maxAttempts())
            .plus(Duration.ofSeconds(3));

    record Host(String name, String endpoint, String socket) {
    }

    private static List<Host> hosts;
    private static Path scripts;
    /** Why the cluster cannot be used here, null when it can. Checked per test, so every skip shows the reason. */
    private static String skipReason;

    @BeforeAll
    static void cluster() throws IOException {
        skipReason = unavailable();
        if (skipReason != null) {
            log.warn("skipping the cluster tests: {}", skipReason);
            return;
        }
        // Leftovers of a killed earlier run.
        for (Host h : hosts) {
            try (DockerEngine e = connect(h)) {
                DockerTestSupport.removeTestContainers(e);
            }
        }
    }

    @BeforeEach
    void clusterIsUp() {
        assumeTrue(skipReason == null, skipReason);
    }

    /** Null when the cluster is set up and every engine runs; else what is missing. */
    private static String unavailable() throws IOException {
        if (!Files.isRegularFile(TLS.resolve("ca.pem")) || !Files.isRegularFile(TLS.resolve("cert.pem"))) {
            return "no cluster TLS material in " + TLS + ": " + SETUP_HINT;
        }
        if (!Files.isReadable(HOSTS_FILE)) {
            return "no cluster hosts file " + HOSTS_FILE + ": " + SETUP_HINT;
        }
        List<Host> listed = new ArrayList<>();
        for (String line : Files.readAllLines(HOSTS_FILE)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3) listed.add(new Host(f[0], f[1], f[2]));
        }
        if (listed.isEmpty()) {
            return HOSTS_FILE + " lists no host: " + SETUP_HINT;
        }
        for (Host h : listed) {
            if (!Files.exists(Path.of("/run/netns", h.name()))) {
                return "host " + h.name() + " has no network namespace: " + SETUP_HINT;
            }
            // The engine itself must run (checked on its unix socket, independently of TLS): a stopped engine means
            // the cluster is not up, while an engine that runs but fails over TLS is a failure of what we test.
            try (DockerEngine local = DockerEngines.connect(EngineConfig.of("unix://" + h.socket()))) {
                if (!local.ping()) return "the engine of " + h.name() + " does not run: " + SETUP_HINT;
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("scripts/cluster-host.sh"))) {
                scripts = dir.resolve("scripts");
                hosts = listed;
                return null;
            }
        }
        return "scripts/cluster-host.sh not found above " + Path.of("").toAbsolutePath();
    }

    @AfterAll
    static void cleanUp() {
        if (hosts == null) return;
        for (Host h : hosts) {
            try (DockerEngine e = connect(h)) {
                DockerTestSupport.removeTestContainers(e);
            } catch (EngineException e) {
                log.warn("cleaning {}: {}", h.name(), e.getMessage());
            }
        }
    }

    private static EngineConfig config(Host h) {
        return EngineConfig.of(h.endpoint()).withTls(TLS).withTimeouts(CONNECT_TIMEOUT, RESPONSE_TIMEOUT).withRetry(RETRY);
    }

    private static DockerEngine connect(Host h) {
        return DockerEngines.connect(config(h));
    }

    private static String engineIdOverUnixSocket(Host h) {
        try (DockerEngine local = DockerEngines.connect(EngineConfig.of("unix://" + h.socket()))) {
            return local.info().engineId();
        }
    }

    @Test
    void everyHostRunsAContainerOverMutualTls() {
        List<String> engineIds = new ArrayList<>();
        for (Host h : hosts) {
            String caseId = DockerTestSupport.newCaseId();
            List<EngineEvent> events = new CopyOnWriteArrayList<>();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            try (DockerEngine engine = connect(h)) {
                EngineInfo info = engine.info();
                // The same engine as behind the host's unix socket, not something else answering on that address.
                assertThat(info.engineId()).as(h.name() + " engine id").isEqualTo(engineIdOverUnixSocket(h));
                assertThat(info.cpus()).isPositive();
                // Distinct hosts, as Berth sees them: own engine ID (own key.json) and own host name (UTS namespace).
                assertThat(info.name()).isEqualTo(h.name());
                engineIds.add(info.engineId());
                log.info("{} at {}: engine {} ({} {}, API {})", h.name(), h.endpoint(), info.engineId(), info.name(),
                        info.serverVersion(), info.apiVersion());

                DockerEngine.Subscription subscription = engine.events(Map.of("berth.case", caseId), events::add, errors::add);
                try {
                    assertThat(engine.ensureImage(DockerTestSupport.IMAGE, PullPolicy.PREFER_CACHED)).isNotNull();
                    String id = engine.create(DockerTestSupport.testSpec(caseId).cmd("sleep", "300").build());
                    engine.start(id);
                    ContainerState state = engine.inspect(id).orElseThrow();
                    assertThat(state.running()).isTrue();
                    assertThat(state.labels()).containsEntry(DockerTestSupport.TEST_LABEL, DockerTestSupport.TEST_LABEL_VALUE);
                    assertThat(engine.list(Map.of("berth.case", caseId))).extracting(ContainerState::id).containsExactly(id);

                    await(Duration.ofSeconds(10), h.name() + ": start event over TLS",
                            () -> events.stream().anyMatch(e -> e.containerId().equals(id) && e.action().equals("start")));
                    engine.remove(id);
                    await(Duration.ofSeconds(10), h.name() + ": destroy event over TLS",
                            () -> events.stream().anyMatch(e -> e.containerId().equals(id) && e.action().equals("destroy")));
                    assertThat(engine.inspect(id)).isEmpty();
                } finally {
                    subscription.close();
                }
            }
            assertThat(errors).as(h.name() + " event stream errors").isEmpty();
        }
        assertThat(engineIds).as("engine IDs of the cluster's hosts").doesNotHaveDuplicates();
    }

    /** A cert dir without the client certificate must not fall back to plain HTTP, nor hang: it fails at once. */
    @Test
    void withoutTheClientCertificateConnectingFailsAtOnceAndClearly(@TempDir Path onlyCa) throws IOException {
        Files.copy(TLS.resolve("ca.pem"), onlyCa.resolve("ca.pem"));
        Host h = hosts.getFirst();
        assertThatThrownBy(() -> DockerEngines.connect(config(h).withTls(onlyCa)))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EngineException.Kind.OTHER);
                    assertThat(e.getMessage()).contains(h.endpoint(), onlyCa.toString(), "cert.pem", "key.pem")
                            .contains("lacks cert.pem, key.pem");
                });

        // An unreadable key is a clear error as well, not a RuntimeException from deep inside docker-java.
        Files.copy(TLS.resolve("cert.pem"), onlyCa.resolve("cert.pem"));
        Files.writeString(onlyCa.resolve("key.pem"), "not a key\n");
        assertThatThrownBy(() -> DockerEngines.connect(config(h).withTls(onlyCa)))
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.getMessage())
                        .contains("cannot use the certificates in " + onlyCa));
    }

    /** The engine refuses a client whose certificate its CA did not sign: a bounded failure, never a container call. */
    @Test
    void aClientCertificateFromAnotherCaIsRefusedWithinTheTimeouts() {
        Path rogue = TLS.resolve("rogue");
        assumeTrue(Files.isRegularFile(rogue.resolve("cert.pem")), "no " + rogue + " (made by cluster-up.sh): " + SETUP_HINT);
        Host h = hosts.getFirst();
        try (DockerEngine engine = DockerEngines.connect(config(h).withTls(rogue))) {
            EngineException e = fails(engine::info);
            log.info("rogue client certificate: {} {}", e.kind(), e.getMessage());
            assertThat(e.kind()).isEqualTo(EngineException.Kind.UNREACHABLE);
            assertThat(engine.ping()).isFalse();
        }
    }

    /** We do not trust an engine whose certificate our CA did not sign (here: the rogue CA as our only trust). */
    @Test
    void anEngineCertificateFromAnotherCaIsNotTrusted(@TempDir Path wrongTrust) throws IOException {
        Path rogueCa = TLS.resolve("rogue/ca/ca.pem");
        assumeTrue(Files.isRegularFile(rogueCa), "no " + rogueCa + " (made by cluster-up.sh): " + SETUP_HINT);
        Files.copy(rogueCa, wrongTrust.resolve("ca.pem"));
        Files.copy(TLS.resolve("cert.pem"), wrongTrust.resolve("cert.pem"));
        Files.copy(TLS.resolve("key.pem"), wrongTrust.resolve("key.pem"));
        try (DockerEngine engine = DockerEngines.connect(config(hosts.getFirst()).withTls(wrongTrust))) {
            EngineException e = fails(engine::info);
            log.info("untrusted engine certificate: {} {}", e.kind(), e.getMessage());
            assertThat(e.kind()).isEqualTo(EngineException.Kind.UNREACHABLE);
            assertThat(e.getMessage()).containsIgnoringCase("certificat");
        }
    }

    /** Plain HTTP to the TLS port: the engine answers 400 in plain text; that is not a Docker answer to trust. */
    @Test
    void plainHttpToTheTlsPortIsNotTakenForAnAnswer() {
        Host h = hosts.getFirst();
        EngineConfig plain = EngineConfig.of(h.endpoint()).withTimeouts(CONNECT_TIMEOUT, RESPONSE_TIMEOUT).withRetry(RETRY);
        try (DockerEngine engine = DockerEngines.connect(plain)) {
            EngineException e = fails(() -> engine.inspect("abc"));
            log.info("plain HTTP to the TLS port: {} {}", e.kind(), e.getMessage());
            assertThat(e.kind()).isEqualTo(EngineException.Kind.UNREACHABLE);
        }
    }

    /** Something accepts the TCP connection and never says a word: the TLS handshake must not wait for ever. */
    @Test
    void aSilentPeerDoesNotHangTheTlsHandshake() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (!silent.isClosed()) accepted.add(silent.accept());
                } catch (IOException closed) {
                    // test over
                }
            });
            EngineConfig config = EngineConfig.of("tcp://127.0.0.1:" + silent.getLocalPort()).withTls(TLS)
                    .withTimeouts(CONNECT_TIMEOUT, RESPONSE_TIMEOUT).withRetry(RETRY);
            try (DockerEngine engine = DockerEngines.connect(config)) {
                EngineException e = fails(engine::info);
                log.info("silent TLS peer: {} {}", e.kind(), e.getMessage());
                assertThat(e.kind()).isIn(EngineException.Kind.TIMEOUT, EngineException.Kind.UNREACHABLE);

                // Event streams run on the client without a response timeout: their handshake must be bounded too.
                List<Throwable> errors = new CopyOnWriteArrayList<>();
                long start = System.nanoTime();
                DockerEngine.Subscription subscription = null;
                try {
                    subscription = engine.events(Map.of(), ev -> { }, errors::add);
                } catch (EngineException refused) {
                    errors.add(refused);
                }
                try {
                    // Kept open until then: a closed subscription reports nothing.
                    await(CALL_BOUND, "the event stream to report its failure", () -> !errors.isEmpty());
                } finally {
                    if (subscription != null) subscription.close();
                }
                log.info("silent TLS peer, events: {} after {} ms", errors.getFirst(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            } finally {
                silent.close();
                for (Socket s : accepted) s.close();
                acceptor.join(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void aStoppedHostIsUnreachableWithinTheTimeoutsAndComesBackWhenStarted() {
        Host h = hosts.getLast();
        String engineId = engineIdOverUnixSocket(h);
        List<Throwable> streamErrors = new CopyOnWriteArrayList<>();
        try (DockerEngine engine = connect(h)) {
            assertThat(engine.info().engineId()).isEqualTo(engineId); // warm: pooled connections exist
            DockerEngine.Subscription subscription = engine.events(Map.of(), e -> { }, streamErrors::add);
            try {
                script("stop", h.name());

                await(CALL_BOUND, h.name() + ": the open event stream to report the engine gone", () -> !streamErrors.isEmpty());
                assertThat(streamErrors.getFirst()).isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.UNREACHABLE));

                EngineException e = fails(engine::info);
                assertThat(e.kind()).isEqualTo(EngineException.Kind.UNREACHABLE);
                assertThat(e.getMessage()).contains("unreachable");
                assertThat(engine.ping()).isFalse();
                assertThat(fails(() -> engine.inspect("abc")).kind())
                        .as("inspect of a stopped engine is not 'no such container'")
                        .isIn(EngineException.Kind.UNREACHABLE, EngineException.Kind.CIRCUIT_OPEN);
            } finally {
                subscription.close();
                script("start", h.name());
            }
        }
        // The same client config (a fresh engine: the old one's breaker is open for its openDuration) works again.
        try (DockerEngine engine = connect(h)) {
            await(Duration.ofSeconds(30), h.name() + " to answer over TLS again", engine::ping);
            assertThat(engine.info().engineId()).as("same engine, same data").isEqualTo(engineId);
        }
    }

    /**
     * A partition (link down, engine alive): new connections fail within the connect timeout; a call on a pooled
     * connection waits for its response timeout. Either way the caller hears within the configured bounds.
     */
    @Test
    void aCutOffHostFailsWithinTheTimeoutsAndAnswersAgainWhenHealed() {
        Host h = hosts.getLast();
        try (DockerEngine warm = connect(h); DockerEngine cold = connect(h)) {
            warm.info();
            script("cut", h.name());
            try {
                EngineException onPooled = fails(warm::info);
                log.info("cut, pooled connection: {} {}", onPooled.kind(), onPooled.getMessage());
                assertThat(onPooled.kind()).isIn(EngineException.Kind.UNREACHABLE, EngineException.Kind.TIMEOUT);

                EngineException onNew = fails(cold::info);
                log.info("cut, new connection: {} {}", onNew.kind(), onNew.getMessage());
                assertThat(onNew.kind()).isEqualTo(EngineException.Kind.UNREACHABLE);
            } finally {
                script("heal", h.name());
            }
        }
        try (DockerEngine engine = connect(h)) {
            await(Duration.ofSeconds(30), h.name() + " to answer over TLS after heal", engine::ping);
            assertThat(engine.info().engineId()).isEqualTo(engineIdOverUnixSocket(h));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /**
     * Runs {@code call}, which must throw an EngineException; returns it. The elapsed time is logged, not asserted
     * (no timed assertions in tests): a call that hung instead of failing would trip the class's {@code @Timeout}.
     */
    private static EngineException fails(Supplier<?> call) {
        long start = System.nanoTime();
        try {
            Object result = call.get();
            return fail("expected an EngineException, got " + result);
        } catch (EngineException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            log.info("failed after {} ms: {}", took.toMillis(), e.getMessage());
            return e;
        }
    }

    /** scripts/cluster-host.sh ACTION NAME, bounded; fails the test with its output when it fails. */
    private static void script(String action, String host) {
        Path script = scripts.resolve("cluster-host.sh");
        try {
            Process p = new ProcessBuilder(script.toString(), action, host).redirectErrorStream(true).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(script + " " + action + " " + host + " did not finish within 90 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            log.info("{} {} {}: {}", script.getFileName(), action, host, out);
            assertThat(p.exitValue()).as(script + " " + action + " " + host + ": " + out).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
