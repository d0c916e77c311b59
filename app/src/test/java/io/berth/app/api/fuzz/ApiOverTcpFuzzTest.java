package io.berth.app.api.fuzz;

import io.berth.app.BerthContextTest;
import io.berth.app.api.ClusterBootstrap;
import io.berth.app.api.ConcurrencyCaps;
import io.berth.app.watch.ChangeLog;
import io.berth.app.watch.WatchStreams;
import io.berth.app.web.ApiLimits;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.db.repository.TaskRepository;
import io.berth.reconciler.hosts.EngineRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the real API over TCP — the embedded Tomcat of the shared context, its filters and PostgreSQL, through
 * the JDK HttpClient — with generated and mutated manifests and query parameters: apply (YAML and JSON, dry run
 * and wait), ECS register-task-definition, run-task, the task list, logs, bodies around the size limit sent whole,
 * streamed and chunked, and watch and followed log streams, which are read for a moment and closed. Deterministic
 * (fixed seed). No answer may be a 5xx or a dropped connection; every 4xx is a JSON error with a message, every 422
 * names its fields, a body past the limit gets 413, and a stream that answers 200 sends well-formed events or log
 * lines. The figures (cases, status histogram overall and per endpoint, dropped connections, p50/p99) are printed.
 */
class ApiOverTcpFuzzTest extends BerthContextTest {

    private static final long SEED = 0xB3E7_F022L;
    private static final String CLUSTER = "api-fuzz";
    /** Watch streams are closed by the client; the server notices at its next heartbeat. Kept well under the cap. */
    private static final int MAX_OPEN_WATCHES = 40;

    @LocalServerPort
    private int port;
    @Autowired
    private ClusterBootstrap clusters;
    @Autowired
    private ChangeLog changeLog;
    @Autowired
    private WatchStreams watchStreams;
    @Autowired
    private ApiLimits limits;
    @Autowired
    private TaskDefinitionRepository taskDefinitions;
    @Autowired
    private ContainerInstanceRepository instances;
    @Autowired
    private TaskRepository tasks;
    @Autowired
    private EngineRegistry engines;
    @Autowired
    private ConcurrencyCaps caps;

    private final Random random = new Random(SEED);
    private final FuzzFigures figures = new FuzzFigures();

    @Test
    void noInputAnswersA5xxOrDropsTheConnectionAndEvery4xxNamesWhatWasWrong() throws Exception {
        clusters.ensureExists(CLUSTER);
        Requests requests = new Requests(port, BEARER);
        BadValues bad = new BadValues(random);
        ManifestSeeds seeds = new ManifestSeeds(CLUSTER, ManifestCases.unique("fuzz-secret"));
        String family = ManifestCases.unique("fuzz");
        try (TcpFuzzer fuzzer = new TcpFuzzer(figures, Duration.ofSeconds(1));
             FuzzLogs logs = registerTaskDefinitionAndRunIt(fuzzer, requests, seeds, family)) {
            ManifestCases manifests = new ManifestCases(requests, bad, seeds, family);
            QueryCases queries = new QueryCases(requests, bad, seeds, family);
            StreamCases streams = new StreamCases(requests, bad, CLUSTER, changeLog::head, logs.taskId());
            OversizedBodies oversized = new OversizedBodies(requests, random, limits.maxBodySize().toBytes(), CLUSTER);

            phase(fuzzer, "bodies around the size limit", 60, oversized::next);
            for (int i = 0; i < 300; i++) {
                awaitWatchesBelow(MAX_OPEN_WATCHES);
                fuzzer.send(streams.watch());
            }
            System.out.printf("API fuzz over TCP: watch streams done, %d cases so far%n", figures.cases());
            phase(fuzzer, "followed log streams", 300, i -> streams.followLog());
            awaitUntil(() -> logs.openStreams() == 0 && caps.followsInUse() == 0);
            assertThat(logs.openStreams()).as("engine log streams of followers that hung up, still open").isZero();
            assertThat(caps.followsInUse()).as("follow permits still held after the followers hung up").isZero();
            phase(fuzzer, "yaml apply", 4000, i -> manifests.yamlApply());
            phase(fuzzer, "json apply", 2000, i -> manifests.jsonApply());
            phase(fuzzer, "register-task-definition", 1500, i -> manifests.registerTaskDefinition());
            phase(fuzzer, "run-task", 1500, i -> manifests.runTask());
            phase(fuzzer, "query parameters", 1500, i -> queries.next());
            phase(fuzzer, "special documents", 200, manifests::special);
        }

        figures.print(SEED);
        assertThat(figures.cases()).isGreaterThanOrEqualTo(10_000);
        assertThat(figures.drops()).as("dropped connections (first 10 printed above)").isEmpty();
        assertThat(figures.failures()).as("%d failing cases (first 20 printed above)", figures.failures().size()).isEmpty();
    }

    /** The family every mutation starts from, and a running task of it whose container writes lines. */
    private FuzzLogs registerTaskDefinitionAndRunIt(TcpFuzzer fuzzer, Requests requests, ManifestSeeds seeds,
                                                   String family) throws InterruptedException {
        FuzzCase register = new FuzzCase(ManifestCases.APPLY, "apply the seed secret and task definition",
                requests.post("/v1/apply", Map.of(), "application/yaml",
                        seeds.secretYaml() + "---\n" + seeds.taskDefinitionYaml(family)).build(), family);
        fuzzer.send(register);
        assertThat(taskDefinitions.findFirstByFamilyOrderByRevisionDesc(family)).as("the seed task definition").isPresent();
        return new FuzzLogs(CLUSTER, taskDefinitions.findFirstByFamilyOrderByRevisionDesc(family).orElseThrow().getId(),
                instances, tasks, engines);
    }

    private void phase(TcpFuzzer fuzzer, String name, int count, IntFunction<FuzzCase> cases) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            fuzzer.send(cases.apply(i));
        }
        System.out.printf("API fuzz over TCP: %s done, %d cases so far, %.1f s%n", name, figures.cases(),
                (System.nanoTime() - start) / 1e9);
    }

    private void awaitWatchesBelow(int count) throws InterruptedException {
        awaitUntil(() -> watchStreams.openCount() < count);
    }

    /** Up to 10 s: the server notices a client that hung up at its next write (a heartbeat, a log line). */
    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
    }
}
