package io.berth.reconciler.pass;

import io.berth.docker.ContainerSpec;
import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import io.berth.docker.PullPolicy;
import io.berth.docker.RuntimeOptions;
import io.berth.reconciler.traffic.BackendCounters;
import io.berth.reconciler.traffic.HaproxyConfigRenderer;
import io.berth.reconciler.traffic.HaproxySettings;
import io.berth.reconciler.traffic.HaproxyStats;
import io.berth.reconciler.traffic.HaproxyStatsReport;
import io.berth.reconciler.traffic.Listener;
import io.berth.reconciler.traffic.LoadBalancer;
import io.berth.reconciler.traffic.ServerNames;
import io.berth.reconciler.traffic.StatusMatcher;
import io.berth.reconciler.traffic.Target;
import io.berth.reconciler.traffic.TargetGroup;
import io.berth.reconciler.traffic.TargetHealthCheck;
import io.berth.reconciler.traffic.TrafficProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counters the metrics are made of, as the image load balancers run really reports them: one HAProxy (no
 * network but its own loopback) in front of a stand-in application, requests sent through it, then "show stat"
 * read the way the traffic pass reads it (an exec on the stats socket) and parsed.
 */
@Tag("docker")
class HaproxyStatsEngineTest {

    private static final String TASK = "3f2a9c1e-5b7d-4c1a-9e0f-0123456789ab";
    /** Sends 7 requests the application answers 200 and 3 it answers 500, through the listener, one after another. */
    private static final String REQUESTS = "use IO::Socket::INET; for my $p ((map {'/ok'} 1..7), (map {'/fail'} 1..3))"
            + " { my $s = IO::Socket::INET->new(PeerAddr => '127.0.0.1:18080') or die \"connect: $!\\n\";"
            + " print $s \"GET $p HTTP/1.0\\r\\nHost: t\\r\\n\\r\\n\"; my $l = <$s>; print $l; close $s; }";

    private DockerEngine engine;
    private String container;

    @BeforeEach
    void connect() {
        engine = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
    }

    @AfterEach
    void cleanUp() {
        if (container != null) {
            engine.remove(container);
        }
        engine.close();
    }

    @Test
    void backendCountersAndServerHealthAreWhatHaproxyCounted() throws Exception {
        TargetGroup web = new TargetGroup("web", TrafficProtocol.HTTP, new TargetHealthCheck(Optional.of("/health"),
                TargetHealthCheck.TRAFFIC_PORT, Duration.ofSeconds(1), Duration.ofMillis(500), 2, 2,
                StatusMatcher.parse("200")), Duration.ofSeconds(1));
        LoadBalancer lb = new LoadBalancer("edge", Optional.empty(), List.of(new Listener(18080, TrafficProtocol.HTTP,
                "web", List.of())));
        // The stand-in application is a frontend of the same HAProxy: 500 for /fail (not a status HAProxy retries
        // on), 200 for everything else, the health check included.
        String config = HaproxyConfigRenderer.render(lb, List.of(web), Map.of("web",
                List.of(new Target(TASK, "127.0.0.1", 18081)))) + """

                frontend app
                    mode http
                    bind 127.0.0.1:18081
                    http-request return status 500 if { path_beg /fail }
                    http-request return status 200
                """;
        engine.ensureImage(HaproxySettings.IMAGE, PullPolicy.PREFER_CACHED);
        container = engine.create(new ContainerSpec("berth-stats-test-" + UUID.randomUUID().toString().substring(0, 8),
                HaproxySettings.IMAGE, null, null, null, Map.of("berth.test", "haproxy-stats"), 0, 0, 0, null, null,
                false, Duration.ofSeconds(2), RuntimeOptions.builder().networkMode("none").build()));
        engine.writeFile(container, HaproxySettings.CONFIG_PATH, config.getBytes(StandardCharsets.UTF_8));
        engine.start(container);
        HaproxyStatsClient client = new HaproxyStatsClient(HaproxySettings.DEFAULTS, TrafficPass.STATS_TIMEOUT);

        long started = System.nanoTime();
        HaproxyStatsReport report = HaproxyStatsReport.EMPTY;
        while (System.nanoTime() - started < Duration.ofSeconds(20).toNanos()) { // bounded: checks every second
            try {
                report = HaproxyStats.parse(client.showStat(engine, container));
            } catch (io.berth.docker.EngineException e) {
                // not listening on its socket yet
            }
            if ("healthy".equals(report.servers().getOrDefault("group-web", Map.of())
                    .getOrDefault(ServerNames.of(TASK), new io.berth.reconciler.traffic.TargetHealth("none", null, null))
                    .state())) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(report.servers().get("group-web").get(ServerNames.of(TASK)).state()).isEqualTo("healthy");
        String answers = engine.exec(container, List.of("perl", "-e", REQUESTS), Duration.ofSeconds(10), 1 << 16);
        assertThat(answers.lines().filter(l -> l.contains(" 200"))).hasSize(7);
        assertThat(answers.lines().filter(l -> l.contains(" 500"))).hasSize(3);

        report = HaproxyStats.parse(client.showStat(engine, container));
        // health checks are not requests; sessions are over once each answer was read
        assertThat(report.backends().get("group-web")).isEqualTo(new BackendCounters(10, 3, 0));
        System.out.printf("HAProxy %s: healthy and counted in %d ms%n", HaproxySettings.IMAGE,
                (System.nanoTime() - started) / 1_000_000);
    }
}
