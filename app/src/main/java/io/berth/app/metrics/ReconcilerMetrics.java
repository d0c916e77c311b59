package io.berth.app.metrics;

import io.berth.reconciler.pass.PlanObserver;
import io.berth.reconciler.loop.LoopObserver;
import io.berth.reconciler.loop.ReconcileKey;
import io.berth.reconciler.loop.WorkQueue;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.plan.ServicePlan;
import io.berth.reconciler.plan.TaskAction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The control loop's metrics: pass duration by kind and outcome, queue depth, placements and placement
 * failures. Meters are registered up front so that dashboards see them (at zero) before the first pass.
 */
public final class ReconcilerMetrics implements LoopObserver, PlanObserver {

    private final MeterRegistry registry;
    private final Counter placements;
    private final Counter placementFailures;
    private final Counter taskStops;
    private final java.util.Map<String, Counter> overruns = new java.util.concurrent.ConcurrentHashMap<>();

    public ReconcilerMetrics(MeterRegistry registry, WorkQueue<ReconcileKey> queue) {
        this.registry = registry;
        Gauge.builder("berth.reconcile.queue.depth", queue, WorkQueue::depth)
                .description("Keys waiting for a pass").register(registry);
        this.placements = Counter.builder("berth.placements").description("Tasks placed on an instance").register(registry);
        this.placementFailures = Counter.builder("berth.placement.failures")
                .description("Tasks a pass wanted to start but could place nowhere").register(registry);
        this.taskStops = Counter.builder("berth.task.stops").description("Tasks the scheduler decided to stop").register(registry);
        for (String kind : new String[]{"service", "instance", "resync"}) {
            for (String outcome : new String[]{"ok", "error"}) {
                timer(kind, outcome);
            }
        }
        for (String kind : new String[]{"service", "instance", "task", "resync"}) {
            overrun(kind);
        }
    }

    @Override
    public void passFinished(ReconcileKey key, Duration took, boolean failed) {
        timer(kind(key), failed ? "error" : "ok").record(took);
    }

    /** berth_passes_overrun_total{kind}: passes the watchdog found running past the pass timeout. */
    @Override
    public void passOverran(ReconcileKey key, Duration running) {
        overrun(kind(key)).increment();
    }

    private static String kind(ReconcileKey key) {
        return switch (key) {
            case ReconcileKey.ServiceKey k -> "service";
            case ReconcileKey.InstanceKey k -> "instance";
            case ReconcileKey.TaskKey k -> "task";
            case ReconcileKey.TrafficKey k -> "traffic";
            case ReconcileKey.ScheduleKey k -> "schedules";
            case ReconcileKey.Resync r -> "resync";
        };
    }

    private Counter overrun(String kind) {
        return overruns.computeIfAbsent(kind, k -> Counter.builder("berth.passes.overrun")
                .description("Passes still running at the pass timeout (interrupted, retried with backoff)")
                .tag("kind", k).register(registry));
    }

    @Override
    public void planned(ServiceState service, ServicePlan plan) {
        placements.increment(plan.actionsOf(TaskAction.LaunchNew.class).size());
        taskStops.increment(plan.actionsOf(TaskAction.Stop.class).size());
        placementFailures.increment(plan.unplaced());
    }

    private Timer timer(String kind, String outcome) {
        return Timer.builder("berth.reconcile.duration").description("Duration of one reconciliation pass")
                .tag("kind", kind).tag("outcome", outcome)
                .publishPercentileHistogram() // for histogram_quantile in the dashboard
                .register(registry);
    }
}
