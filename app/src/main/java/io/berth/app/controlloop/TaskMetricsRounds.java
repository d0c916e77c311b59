package io.berth.app.controlloop;

import io.berth.app.metrics.ServiceUtilisationGauges;
import io.berth.reconciler.metrics.TaskMetricsWindows;
import io.berth.reconciler.sampling.SamplingRound;
import io.berth.reconciler.sampling.TaskStatsSampler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a sampling round every {@code berth.task-metrics.sample-interval} on the Berth that leads the control loop
 * (the one that reads engines; a standby's figures would be a second load on every engine), then whatever acts on
 * fresh figures (auto scaling). Its own thread: a slow engine delays readings, never a reconcile pass. With sampling
 * off ({@code berth.task-metrics.enabled: false}) the rounds still come, without readings: scheduled scaling actions
 * act on the clock, not on figures, and must fire all the same (metric policies then have no figures and do nothing).
 */
@Component
class TaskMetricsRounds implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaskMetricsRounds.class);

    /** Told after each round of a leading Berth, on the rounds' thread. */
    interface AfterRound {
        void afterRound(SamplingRound round);
    }

    private final TaskStatsSampler sampler;
    private final TaskMetricsWindows windows;
    private final ServiceUtilisationGauges gauges;
    private final TaskMetricsProperties props;
    private final ControlLoopProperties loop;
    private final ControlLoopLifecycle lifecycle;
    private final List<AfterRound> after;
    private final Clock clock;
    private ScheduledExecutorService rounds;
    /** A round of a Berth that does not sample. */
    private static final SamplingRound NOT_SAMPLED = new SamplingRound(0, 0, 0, 0, 0);

    TaskMetricsRounds(TaskStatsSampler sampler, TaskMetricsWindows windows, ServiceUtilisationGauges gauges,
                      TaskMetricsProperties props, ControlLoopProperties loop, ControlLoopLifecycle lifecycle,
                      List<AfterRound> after, Clock clock) {
        this.sampler = sampler;
        this.windows = windows;
        this.gauges = gauges;
        this.props = props;
        this.loop = loop;
        this.lifecycle = lifecycle;
        this.after = after;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (!loop.enabled()) {
            return;
        }
        rounds = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon(true)
                .name("berth-task-metrics").unstarted(r));
        long every = props.sampleInterval().toMillis();
        rounds.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
    }

    /** One round; package-private for its test (the schedule itself is a plain fixed-delay timer). */
    void round() {
        if (!lifecycle.leading()) {
            return;
        }
        try {
            SamplingRound round = props.enabled() ? sample() : NOT_SAMPLED;
            for (AfterRound a : after) {
                a.afterRound(round);
            }
        } catch (RuntimeException e) {
            // the next round tries again; a failed round must not end the schedule
            log.warn("task metrics round failed: {}", e.toString());
        }
    }

    private SamplingRound sample() {
        long t0 = System.nanoTime();
        SamplingRound round = sampler.sampleOnce();
        gauges.refresh(round, windows, clock.instant());
        log.debug("sampled {} of {} running tasks on {} hosts ({} failed) in {} ms", round.read(), round.running(),
                round.hosts(), round.failed(), (System.nanoTime() - t0) / 1_000_000);
        return round;
    }

    @Override
    public synchronized void stop() {
        if (rounds != null) {
            rounds.shutdownNow();
            rounds = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return rounds != null;
    }
}
