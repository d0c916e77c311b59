package io.berth.app.metrics;

import io.berth.reconciler.metrics.TaskMetricsWindows;
import io.berth.reconciler.metrics.TaskSample;
import io.berth.reconciler.sampling.SamplingRound;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceUtilisationGaugesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void aServiceGetsTheMeanOfItsTasksAndLosesItsSeriesWhenItsTasksGo() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ServiceUtilisationGauges gauges = new ServiceUtilisationGauges(registry);
        TaskMetricsWindows windows = new TaskMetricsWindows(Duration.ofSeconds(60), 10);
        UUID service = UUID.randomUUID();
        UUID t1 = UUID.randomUUID();
        UUID t2 = UUID.randomUUID();
        // t1: a full core against 1024 units = 100 %; t2: half a core = 50 %
        record(windows, t1, service, 0, 10_000_000_000L);
        record(windows, t2, service, 0, 5_000_000_000L);

        gauges.refresh(new SamplingRound(1, 2, 2, 2, 0), windows, T0.plusSeconds(10));

        assertThat(registry.get("berth_service_cpu_utilization_percent").tag("service", "web").gauge().value())
                .isEqualTo(75.0);
        assertThat(registry.get("berth_task_stats_readings_total").tag("outcome", "read").counter().count())
                .isEqualTo(2);

        windows.retain(List.of());
        gauges.refresh(new SamplingRound(1, 0, 0, 0, 0), windows, T0.plusSeconds(20));

        assertThat(registry.find("berth_service_cpu_utilization_percent").gauges()).isEmpty();
    }

    private static void record(TaskMetricsWindows windows, UUID task, UUID service, long from, long to) {
        var id = new TaskMetricsWindows.TaskIdentity(task, service, "default", "web", UUID.randomUUID(), 1024, 128);
        windows.record(id, new TaskSample(T0, from, 1 << 20, 0));
        windows.record(id, new TaskSample(T0.plusSeconds(10), to, 1 << 20, 0));
    }
}
