package io.berth.reconciler.pass;

import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.plan.RunTaskPlan;
import io.berth.reconciler.schedule.Firing;
import io.berth.reconciler.schedule.FiringDecision;
import io.berth.reconciler.schedule.FiringHistory;
import io.berth.reconciler.schedule.FiringOutcome;
import io.berth.reconciler.schedule.ScheduledTask;
import io.berth.reconciler.schedule.ScheduledTaskPlanner;
import io.berth.reconciler.store.ScheduledTaskStore;
import io.berth.reconciler.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One pass over every scheduled task: decide with the pure {@link ScheduledTaskPlanner}, write the firing's intent
 * (its PENDING entry and the firing time as handled) first, then start its tasks through the run-task path
 * ({@link StandaloneTaskRunner}) under the firing's client token. A Berth that dies between the two finds the PENDING
 * entry and starts it again under the same token: the tasks of a firing are written once, whoever tries.
 */
public final class ScheduledTaskPass {

    private static final Logger log = LoggerFactory.getLogger(ScheduledTaskPass.class);
    /** Looked at again at least this often: a new or changed schedule is seen within it even if no one says so. */
    static final Duration MAX_WAIT = Duration.ofSeconds(10);
    /** After a firing was handled: soon, for the next decision, but not in a tight loop. */
    static final Duration SOON = Duration.ofMillis(50);
    /**
     * At most this many scheduled tasks are looked at in one pass, so that a cluster with thousands of them cannot
     * hold the loop for long: the next pass goes on from where this one stopped, {@link #SOON} after it. At 256 a
     * pass, 10,000 scheduled tasks are all looked at within 40 passes, about 2 s plus their reading time.
     */
    static final int PER_PASS = 256;

    private final ScheduledTaskStore scheduled;
    private final StateStore store;
    private final StandaloneTaskRunner runner;
    private final ScheduledTaskPlanner planner = new ScheduledTaskPlanner();
    private final Consumer<UUID> taskChanged;
    private final Clock clock;
    private final int perPass;
    /** The first scheduled task the next pass looks at: ids are taken in their sorted order, from here on. */
    private UUID resumeAt;

    /** @param taskChanged tells the loop about a task started or asked to stop (its one-off pass takes over) */
    public ScheduledTaskPass(ScheduledTaskStore scheduled, StateStore store, StandaloneTaskRunner runner,
                             Consumer<UUID> taskChanged, Clock clock) {
        this(scheduled, store, runner, taskChanged, clock, PER_PASS);
    }

    ScheduledTaskPass(ScheduledTaskStore scheduled, StateStore store, StandaloneTaskRunner runner,
                      Consumer<UUID> taskChanged, Clock clock, int perPass) {
        if (perPass < 1) {
            throw new IllegalArgumentException("perPass must be at least 1: " + perPass);
        }
        this.perPass = perPass;
        this.scheduled = scheduled;
        this.store = store;
        this.runner = runner;
        this.taskChanged = taskChanged;
        this.clock = clock;
    }

    /** @return when to look again */
    public Optional<Duration> reconcile() {
        Duration wait = MAX_WAIT;
        List<UUID> turn = turn(scheduled.ids().stream().sorted().toList());
        for (UUID id : turn) {
            try {
                Duration d = reconcile(id);
                wait = d.compareTo(wait) < 0 ? d : wait;
            } catch (RuntimeException e) {
                // One broken scheduled task must not hold back the others; it is tried again on the next pass.
                log.warn("scheduled task {}: {}", id, e.toString());
            }
        }
        return Optional.of(resumeAt == null ? wait : SOON);
    }

    /** This pass's share of the sorted ids: up to {@link #perPass} from {@link #resumeAt}; notes where to go on. */
    private List<UUID> turn(List<UUID> sorted) {
        int from = 0;
        if (resumeAt != null) {
            while (from < sorted.size() && sorted.get(from).compareTo(resumeAt) < 0) {
                from++;
            }
            if (from == sorted.size()) {
                from = 0; // those after it were deleted meanwhile: start again from the first
            }
        }
        int to = Math.min(sorted.size(), from + perPass);
        resumeAt = to < sorted.size() ? sorted.get(to) : null;
        return sorted.subList(from, to);
    }

    Duration reconcile(UUID id) {
        Optional<ScheduledTaskStore.Stored> found = scheduled.get(id);
        if (found.isEmpty()) {
            return MAX_WAIT;
        }
        ScheduledTask task = found.get().task();
        List<Firing> firings = new ArrayList<>(found.get().firings());
        Instant lastFire = task.lastFire();
        boolean resumed = false;
        for (int i = 0; i < firings.size(); i++) {
            if (firings.get(i).outcome() == FiringOutcome.PENDING) {
                firings.set(i, start(task, firings.get(i), List.of()));
                resumed = true;
            }
        }
        Map<UUID, Task> tasks = store.tasks(firings.stream().flatMap(f -> f.taskIds().stream()).toList());
        Instant now = clock.instant();
        FiringDecision decision = planner.plan(task, lastFire, FiringHistory.running(firings, tasks), now);
        switch (decision) {
            case FiringDecision.Wait w -> {
                if (resumed) {
                    record(task, lastFire, firings, tasks);
                }
                if (w.next() == null) {
                    return MAX_WAIT;
                }
                Duration until = Duration.between(now, w.next());
                return until.isNegative() ? SOON : until;
            }
            case FiringDecision.Skip s -> {
                log.info("scheduled task {} in {}: firing of {} {}", task.name(), task.cluster(), s.fireTime(),
                        s.reason());
                firings.add(new Firing(s.fireTime(), s.outcome(), s.reason(), List.of(), now));
                record(task, s.fireTime(), firings, tasks);
            }
            case FiringDecision.Fire f -> {
                Firing intent = new Firing(f.fireTime(), FiringOutcome.PENDING, null, List.of(), now);
                firings.add(intent);
                if (!scheduled.recordFirings(task.id(), f.fireTime(), firings)) {
                    return MAX_WAIT; // deleted meanwhile: nothing starts
                }
                firings.set(firings.size() - 1, start(task, intent, f.stop()));
                Map<UUID, Task> all = store.tasks(firings.stream().flatMap(x -> x.taskIds().stream()).toList());
                record(task, f.fireTime(), firings, all);
            }
        }
        return SOON;
    }

    /** Stops what Replace stops, then runs the firing's tasks under its token; the firing as it ended up. */
    private Firing start(ScheduledTask task, Firing firing, List<UUID> stop) {
        Instant now = clock.instant();
        for (UUID id : stop) {
            store.requestStop(id, StopCode.ServiceSchedulerInitiated, "Replaced by the firing of scheduled task "
                    + task.name() + " at " + firing.fireTime() + " (concurrency Replace)", now);
            taskChanged.accept(id);
        }
        Optional<TaskDefinition> td = scheduled.activeTaskDefinition(task.spec().taskDefinition());
        if (td.isEmpty()) {
            return failed(firing, "no ACTIVE task definition \"" + task.spec().taskDefinition() + "\"", now);
        }
        String token = io.berth.reconciler.schedule.FiringTokens.token(task.name(), firing.fireTime());
        RunTaskPlan plan;
        try {
            plan = runner.run(task.cluster(), td.get(), task.spec().count(), task.spec().overrides(),
                    task.spec().placement(), task.startedBy(), null, token);
        } catch (ClientTokenReusedException e) {
            return failed(firing, "this firing was started before with another count", now);
        } catch (RuntimeException e) {
            log.warn("scheduled task {} in {}: firing of {} could not start: {}", task.name(), task.cluster(),
                    firing.fireTime(), e.toString());
            return failed(firing, "could not start: " + e.getMessage(), now);
        }
        plan.tasks().forEach(t -> taskChanged.accept(t.id()));
        if (plan.tasks().isEmpty()) {
            return failed(firing, plan.failures().isEmpty() ? "no task started" : plan.failures().getFirst().reason(),
                    now);
        }
        log.info("scheduled task {} in {}: firing of {} {} {} task(s) of {}", task.name(), task.cluster(),
                firing.fireTime(), plan.repeated() ? "found its" : "started", plan.tasks().size(), td.get().arn());
        return firing.started(plan.tasks().stream().map(Task::id).toList(), now);
    }

    private static Firing failed(Firing firing, String reason, Instant now) {
        String bounded = reason == null ? "unknown" : reason.length() > 500 ? reason.substring(0, 500) + "..." : reason;
        return new Firing(firing.fireTime(), FiringOutcome.FAILED, bounded, List.of(), now);
    }

    private void record(ScheduledTask task, Instant lastFire, List<Firing> firings, Map<UUID, Task> tasks) {
        scheduled.recordFirings(task.id(), lastFire, FiringHistory.retain(firings, tasks,
                task.spec().successfulHistoryLimit(), task.spec().failedHistoryLimit()));
    }
}
