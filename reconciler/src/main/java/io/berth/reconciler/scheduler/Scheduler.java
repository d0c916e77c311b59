package io.berth.reconciler.scheduler;

import io.berth.reconciler.scheduler.filters.CpuFilter;
import io.berth.reconciler.scheduler.filters.MemoryFilter;
import io.berth.reconciler.scheduler.filters.PortFilter;
import io.berth.reconciler.scheduler.filters.SchedulableFilter;
import io.berth.reconciler.scheduler.scorers.SpreadScorer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Places tasks on instances: filters decide which instances can take a task, scorers (in chain order)
 * which of those is best; the instance id breaks remaining ties so that a decision is reproducible.
 * A pure function of its inputs.
 */
public final class Scheduler {

    private final List<PlacementFilter> filters;
    private final List<PlacementScorer> scorers;

    public Scheduler(List<PlacementFilter> filters, List<PlacementScorer> scorers) {
        this.filters = List.copyOf(filters);
        this.scorers = List.copyOf(scorers);
    }

    /** The default: resource and port filters, spread across instances. */
    public static Scheduler defaults() {
        return new Scheduler(
                List.of(new SchedulableFilter(), new CpuFilter(), new MemoryFilter(), new PortFilter()),
                List.of(new SpreadScorer()));
    }

    /** Places {@code count} identical tasks one after another, each seeing the reservations of the previous. */
    public PlacementOutcome place(TaskRequirements task, int count, ClusterLoad load) {
        List<UUID> placements = new ArrayList<>();
        ClusterLoad current = load;
        for (int i = 0; i < count; i++) {
            List<InstanceLoad> feasible = feasible(task, current);
            if (feasible.isEmpty()) {
                return new PlacementOutcome(placements, count - i, explain(task, current), current);
            }
            InstanceLoad best = feasible.stream().min(ranking(task)).orElseThrow();
            placements.add(best.id());
            current = current.withTask(best.id(), task);
        }
        return new PlacementOutcome(placements, 0, null, current);
    }

    private List<InstanceLoad> feasible(TaskRequirements task, ClusterLoad load) {
        List<InstanceLoad> result = new ArrayList<>();
        for (InstanceLoad instance : load.instances().values()) {
            if (firstRejecting(task, instance) == null) {
                result.add(instance);
            }
        }
        return result;
    }

    private PlacementFilter firstRejecting(TaskRequirements task, InstanceLoad instance) {
        for (PlacementFilter f : filters) {
            if (!f.accepts(task, instance)) {
                return f;
            }
        }
        return null;
    }

    /** Best first: higher score of the first scorer, then the next, then the smaller id. */
    private Comparator<InstanceLoad> ranking(TaskRequirements task) {
        Comparator<InstanceLoad> c = (a, b) -> 0;
        for (PlacementScorer s : scorers) {
            c = c.thenComparing(Comparator.comparingDouble((InstanceLoad i) -> s.score(task, i)).reversed());
        }
        return c.thenComparing(InstanceLoad::id);
    }

    private PlacementExplanation explain(TaskRequirements task, ClusterLoad load) {
        Map<PlacementFilter, List<InstanceLoad>> byFilter = new LinkedHashMap<>();
        for (PlacementFilter f : filters) {
            byFilter.put(f, new ArrayList<>());
        }
        for (InstanceLoad instance : load.instances().values()) {
            PlacementFilter f = firstRejecting(task, instance);
            if (f != null) {
                byFilter.get(f).add(instance);
            }
        }
        List<PlacementExplanation.Rejection> rejections = new ArrayList<>();
        byFilter.forEach((f, rejected) -> {
            if (!rejected.isEmpty()) {
                rejections.add(new PlacementExplanation.Rejection(rejected.size(), f.explain(task, rejected)));
            }
        });
        return new PlacementExplanation(load.instances().size(), rejections);
    }
}
