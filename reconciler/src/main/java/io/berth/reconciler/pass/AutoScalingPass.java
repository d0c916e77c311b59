package io.berth.reconciler.pass;

import io.berth.reconciler.autoscaling.AutoScalingPlanner;
import io.berth.reconciler.autoscaling.ScaledService;
import io.berth.reconciler.autoscaling.ScheduledScalingDecision;
import io.berth.reconciler.autoscaling.ScheduledScalingPlanner;
import io.berth.reconciler.desiredstate.ScheduledScalingWrite;
import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.autoscaling.ScalingDecision;
import io.berth.reconciler.autoscaling.ScalingFigures;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import io.berth.reconciler.desiredstate.ServiceScaling;
import io.berth.reconciler.metrics.ServiceUtilisation;
import io.berth.reconciler.metrics.TaskMetricsWindows;
import io.berth.reconciler.store.ScalingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * One auto scaling round, after a sampling round: for each auto scaled service, first its scheduled actions
 * ({@link ScheduledScalingPlanner}: a firing's range, count and event are written and the round moves on), then read
 * its figures and decide inside the range in force with the pure {@link AutoScalingPlanner}, and write a change through {@link DesiredStateWrites} (count, cooldown times and
 * the event in one transaction), then wake the service so that its pass launches or stops tasks now. A decision held
 * back by a bound or a cooldown is an event too, once per distinct reason (not every round).
 */
public final class AutoScalingPass {

    private static final Logger log = LoggerFactory.getLogger(AutoScalingPass.class);
    /** Services decided per round; more are decided in later rounds' order (by id) — far beyond real use. */
    static final int MAX_SERVICES = 1000;

    private final ScalingStore store;
    private final TaskMetricsWindows windows;
    private final BiFunction<String, UUID, Map<String, Double>> requestsPerTarget;
    private final DesiredStateWrites writes;
    private final Consumer<UUID> wake;
    private final AutoScalingPlanner planner = new AutoScalingPlanner();
    private final ScheduledScalingPlanner scheduled = new ScheduledScalingPlanner();
    private final Clock clock;
    /** The last held-back message said per service, so that it is said once. */
    private final Map<UUID, String> lastBlocked = new ConcurrentHashMap<>();

    /**
     * @param requestsPerTarget (cluster, service id) → requests a minute per target of each of its target groups
     * @param wake              enqueues the service's pass
     */
    public AutoScalingPass(ScalingStore store, TaskMetricsWindows windows,
                           BiFunction<String, UUID, Map<String, Double>> requestsPerTarget, DesiredStateWrites writes,
                           Consumer<UUID> wake, Clock clock) {
        this.store = store;
        this.windows = windows;
        this.requestsPerTarget = requestsPerTarget;
        this.writes = writes;
        this.wake = wake;
        this.clock = clock;
    }

    /** @return how many services changed count */
    public int run() {
        Instant now = clock.instant();
        List<ScaledService> services = store.autoScaledServices(MAX_SERVICES);
        lastBlocked.keySet().retainAll(services.stream().map(ScaledService::id).toList());
        int changed = 0;
        for (ScaledService s : services) {
            try {
                if (decide(s, now)) {
                    changed++;
                }
            } catch (RuntimeException e) {
                // one service's failed write (a concurrent apply) must not hold back the others
                log.warn("auto scaling of {}/{} failed: {}", s.cluster(), s.name(), e.toString());
            }
        }
        return changed;
    }

    private boolean decide(ScaledService s, Instant now) {
        AutoScaling spec = s.autoScaling();
        if (!spec.scheduled().isEmpty() || !s.actions().isEmpty()) {
            ScheduledScalingDecision sd = scheduled.decide(s.name(), s.desiredCount(), spec, s.actions(), now);
            if (sd.stateChanged()) {
                boolean written = writes.recordScheduledScaling(new ScheduledScalingWrite(s.id(), sd.from(), sd.to(),
                        sd.states(), sd.events()), now);
                sd.events().forEach(e -> log.info("{}: {}", s.name(), e));
                if (written && sd.to() != sd.from()) {
                    lastBlocked.remove(s.id());
                    wake.accept(s.id());
                    return true;
                }
                if (!written || sd.fired()) {
                    return false; // the next round decides on what is stored now
                }
            }
            spec = spec.withRange(sd.minCount(), sd.maxCount());
        }
        ServiceUtilisation u = windows.service(s.id(), now);
        long measured = u.perTask().stream().filter(t -> t.cpuPercent() >= 0).count();
        ScalingFigures figures = new ScalingFigures(u.cpuPercent(), u.memoryPercent(), u.samples(),
                requestsPerTarget.apply(s.cluster(), s.id()), measured < s.desiredCount());
        ScalingDecision d = planner.decide(s.name(), s.desiredCount(), spec, figures, s.last(), now);
        if (d.changes()) {
            lastBlocked.remove(s.id());
            if (writes.scaleService(new ServiceScaling(s.id(), d.from(), d.to(), d.message()), now)) {
                log.info("{}", d.message());
                wake.accept(s.id());
                return true;
            }
            return false;
        }
        if (d.kind() == ScalingDecision.Kind.BLOCKED) {
            // the figures and the wanted count vary round to round; the reason (a bound, a cooldown's end) is news once
            String reason = d.message().substring(d.message().indexOf(" but ") + 1);
            if (!reason.equals(lastBlocked.put(s.id(), reason))) {
                writes.appendEvents(s.id(), List.of(d.message()), now);
            }
        } else {
            lastBlocked.remove(s.id());
        }
        return false;
    }
}
