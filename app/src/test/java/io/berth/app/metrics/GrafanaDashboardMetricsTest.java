package io.berth.app.metrics;

import io.berth.app.BerthContextTest;
import io.berth.docker.FakeDockerEngine;
import io.berth.reconciler.pass.TrafficObserver;
import io.berth.reconciler.traffic.BackendCounters;
import io.berth.reconciler.traffic.TargetHealth;
import io.berth.reconciler.traffic.TrafficStats;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Every metric the shipped Grafana dashboard queries is one Berth exports: a renamed meter would otherwise leave a
 * panel silently empty. The names are read from the dashboard's PromQL and looked up in a real scrape of the
 * application context.
 */
class GrafanaDashboardMetricsTest extends BerthContextTest {

    private static final Path DASHBOARD = Path.of("..", "docs", "grafana-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\bberth_[a-z0-9_]+");

    @Autowired
    private MockMvc mvc;

    @Autowired
    private MeterRegistry registry;

    @Autowired
    private TrafficObserver traffic;

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        Set<String> queried = new TreeSet<>();
        Matcher m = METRIC.matcher(Files.readString(DASHBOARD));
        while (m.find()) {
            queried.add(m.group());
        }
        assertThat(queried).as("metrics named in " + DASHBOARD).hasSizeGreaterThan(5);

        // The engine-call timer exists once an engine was called (its tags name host, operation and outcome); this
        // context runs no control loop, so make one call the way the wiring wraps every engine.
        new MeteredDockerEngine(new FakeDockerEngine("dashboard"), registry, "dashboard-host").ping();
        // Target group series exist once a traffic pass read an HAProxy: hand the wired observer what one would.
        java.util.UUID host = java.util.UUID.randomUUID();
        traffic.observed("dashboard", new TrafficStats(List.of(new TrafficStats.BackendSample("edge", "web", host,
                "c1", new BackendCounters(10, 1, 2))), List.of(new TrafficStats.TargetSample("edge", "web", "t-1",
                "1", null, host, 32768, new TargetHealth("healthy", null, null))), java.util.Set.of()));

        String scrape = mvc.perform(get("/actuator/prometheus").header("Authorization", BEARER)).andReturn().getResponse().getContentAsString();
        Set<String> families = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                families.add(line.split(" ")[2]);
            }
        }
        assertThat(queried).allSatisfy(name -> assertThat(families)
                .as("exported metric families (a histogram's series end in _bucket, _count, _sum)")
                .contains(name.replaceFirst("_(bucket|count|sum)$", "")));
    }
}
