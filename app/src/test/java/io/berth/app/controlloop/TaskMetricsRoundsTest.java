package io.berth.app.controlloop;

import io.berth.app.metrics.ServiceUtilisationGauges;
import io.berth.reconciler.metrics.TaskMetricsWindows;
import io.berth.reconciler.sampling.SamplingRound;
import io.berth.reconciler.sampling.TaskStatsSampler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** A round samples when sampling is on, and tells what acts after it (scheduled scaling too) either way. */
class TaskMetricsRoundsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T21:00:00Z"), ZoneOffset.UTC);
    private final TaskStatsSampler sampler = mock(TaskStatsSampler.class);
    private final ControlLoopLifecycle lifecycle = mock(ControlLoopLifecycle.class);
    private final List<SamplingRound> told = new ArrayList<>();

    private TaskMetricsRounds rounds(boolean samplingEnabled) {
        TaskMetricsProperties props = new TaskMetricsProperties(samplingEnabled, Duration.ofSeconds(10), null, null,
                null, null, null);
        return new TaskMetricsRounds(sampler, new TaskMetricsWindows(Duration.ofSeconds(60), 12),
                new ServiceUtilisationGauges(new SimpleMeterRegistry()), props, null, lifecycle, List.of(told::add),
                clock);
    }

    @Test
    void withSamplingOnTheRoundReadsTheEnginesAndPassesItsFiguresOn() {
        when(lifecycle.leading()).thenReturn(true);
        SamplingRound sampled = new SamplingRound(3, 12, 12, 11, 1);
        when(sampler.sampleOnce()).thenReturn(sampled);

        rounds(true).round();

        assertThat(told).containsExactly(sampled);
    }

    @Test
    void withSamplingOffTheRoundStillComesWithoutReadingsSoScheduledActionsFire() {
        when(lifecycle.leading()).thenReturn(true);

        rounds(false).round();

        verify(sampler, never()).sampleOnce();
        assertThat(told).containsExactly(new SamplingRound(0, 0, 0, 0, 0));
    }

    @Test
    void aStandbyDoesNothing() {
        when(lifecycle.leading()).thenReturn(false);

        rounds(true).round();

        verify(sampler, never()).sampleOnce();
        assertThat(told).isEmpty();
    }
}
