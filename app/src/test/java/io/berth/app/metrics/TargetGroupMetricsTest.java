package io.berth.app.metrics;

import io.berth.reconciler.traffic.BackendCounters;
import io.berth.reconciler.traffic.TargetHealth;
import io.berth.reconciler.traffic.TrafficStats;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What a Prometheus scrape shows of the target groups, pass after pass. */
class TargetGroupMetricsTest {

    static final UUID H1 = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final UUID H2 = UUID.fromString("00000000-0000-4000-8000-000000000002");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final TargetGroupMetrics metrics = new TargetGroupMetrics(registry);

    private static TrafficStats.BackendSample backend(UUID host, long requests, long http5xx, long sessions) {
        return new TrafficStats.BackendSample("edge", "web", host, "c-" + host, new BackendCounters(requests, http5xx,
                sessions));
    }

    private static TrafficStats.TargetSample target(String server, String state) {
        return new TrafficStats.TargetSample("edge", "web", server, "task-" + server, "web", H1, 32768,
                new TargetHealth(state, null, null));
    }

    private String line(String series) {
        return registry.scrape().lines().filter(l -> l.startsWith(series + " ")).findFirst().orElse(null);
    }

    private static String labels(UUID host) {
        return "{cluster=\"default\",instance_id=\"" + host + "\",load_balancer=\"edge\",target_group=\"web\"}";
    }

    @Test
    void eachHaproxyIsACounterSeriesOfItsOwnThatAddsUpAndTargetsAreCountedPerState() {
        metrics.observed("default", new TrafficStats(List.of(backend(H1, 900, 7, 3), backend(H2, 100, 1, 0)),
                List.of(target("a", "healthy"), target("b", "healthy"), target("c", "unhealthy")), Set.of()));

        assertThat(line("berth_target_group_requests_total" + labels(H1))).endsWith(" 900.0");
        assertThat(line("berth_target_group_requests_total" + labels(H2))).endsWith(" 100.0");
        assertThat(line("berth_target_group_http_5xx_total" + labels(H1))).endsWith(" 7.0");
        assertThat(line("berth_target_group_sessions" + labels(H1))).endsWith(" 3.0");
        String targets = "berth_target_group_targets{cluster=\"default\",load_balancer=\"edge\",state=\"%s\","
                + "target_group=\"web\"}";
        assertThat(line(targets.formatted("healthy"))).endsWith(" 2.0");
        assertThat(line(targets.formatted("unhealthy"))).endsWith(" 1.0");
        assertThat(line(targets.formatted("draining"))).endsWith(" 0.0");
        assertThat(line(targets.formatted("initial"))).endsWith(" 0.0");
        assertThat(registry.scrape()).contains("# TYPE berth_target_group_requests_total counter");
    }

    @Test
    void aReloadedHaproxyStartsAgainFromZeroAsACounterResetAndAGoneOneLeavesNoSeries() {
        metrics.observed("default", new TrafficStats(List.of(backend(H1, 900, 7, 3), backend(H2, 100, 1, 0)),
                List.of(target("a", "healthy")), Set.of()));
        metrics.observed("default", new TrafficStats(List.of(backend(H1, 4, 0, 1)), List.of(target("a", "initial")),
                Set.of()));

        // the value HAProxy reports, lower than before: rate() reads a decrease as a reset and counts from it
        assertThat(line("berth_target_group_requests_total" + labels(H1))).endsWith(" 4.0");
        assertThat(line("berth_target_group_requests_total" + labels(H2))).isNull();
        assertThat(line("berth_target_group_targets{cluster=\"default\",load_balancer=\"edge\",state=\"healthy\","
                + "target_group=\"web\"}")).endsWith(" 0.0");
    }

    @Test
    void anHaproxyThatDidNotAnswerKeepsItsLastValuesOtherClustersAreLeftAloneAndForgetDropsAll() {
        metrics.observed("default", new TrafficStats(List.of(backend(H1, 900, 7, 3)), List.of(target("a", "healthy")),
                Set.of()));
        metrics.observed("other", new TrafficStats(List.of(new TrafficStats.BackendSample("lb2", "g2", H2, "x",
                new BackendCounters(5, 0, 0))), List.of(), Set.of()));
        metrics.observed("default", new TrafficStats(List.of(), List.of(),
                Set.of(new TrafficStats.BalancerInstance("edge", H1))));

        assertThat(line("berth_target_group_requests_total" + labels(H1))).endsWith(" 900.0");
        assertThat(line("berth_target_group_targets{cluster=\"default\",load_balancer=\"edge\",state=\"healthy\","
                + "target_group=\"web\"}")).endsWith(" 1.0");
        assertThat(registry.scrape()).contains("cluster=\"other\"");

        metrics.observed("default", TrafficStats.EMPTY);
        assertThat(registry.scrape()).doesNotContain("cluster=\"default\"").contains("cluster=\"other\"");

        metrics.forget();
        assertThat(registry.scrape()).doesNotContain("berth_target_group");
    }
}
