package io.berth.reconciler.scheduler;

import io.berth.reconciler.scheduler.filters.CpuFilter;
import io.berth.reconciler.scheduler.filters.DistinctInstanceFilter;
import io.berth.reconciler.scheduler.filters.MemberOfFilter;
import io.berth.reconciler.scheduler.filters.MemoryFilter;
import io.berth.reconciler.scheduler.filters.PortFilter;
import io.berth.reconciler.scheduler.filters.SchedulableFilter;
import io.berth.reconciler.scheduler.placement.Placement;
import io.berth.reconciler.scheduler.placement.PlacementConstraint;
import io.berth.reconciler.scheduler.scorers.RandomScorer;
import io.berth.reconciler.scheduler.scorers.StrategyScorers;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.PlacementFilter;
import io.berth.reconciler.scheduler.spi.PlacementScorer;
import io.berth.reconciler.scheduler.spi.TaskRequirements;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Places tasks on instances: filters decide which instances can take a task, scorers (in chain order, like ECS
 * strategies: lexicographic, the first dominating) which of those is best; remaining ties go to the instance running
 * fewer tasks of any group, then to the lower instance id, so that a decision is reproducible — except under a {@code random} strategy, which draws from the injected
 * {@link RandomGenerator} (seed it in tests).
 *
 * <p>Cost: {@link #place} copies the instances into an array once per call and returns a load that shares the
 * input's map plus the instances it placed on. A call of more than one task builds an index of the feasible
 * instances once (one pass) and then decides each task in O(log instances) ({@link IndexedDecider}); a single task,
 * or a chain with a {@code random} strategy, is decided by a pass over every instance ({@link ScanDecider}, which
 * defines the choice the index must equal).
 */
public final class Scheduler {

    private final List<PlacementFilter> filters;
    private final List<PlacementScorer> scorers;
    private final RandomGenerator random;
    private final Deciding deciding;

    /** Which decider {@link #place} uses; tests force one to compare them. */
    enum Deciding { AUTO, INDEXED, SCAN }

    /**
     * @param filters the filters every placement passes (constraints of a placement are added after a
     *                {@link SchedulableFilter}, before resource filters, so a permanent reason explains first)
     * @param scorers the chain used when a placement declares no strategy
     * @param random  what {@code random} strategies draw from
     */
    public Scheduler(List<PlacementFilter> filters, List<PlacementScorer> scorers, RandomGenerator random) {
        this(filters, scorers, random, Deciding.AUTO);
    }

    private Scheduler(List<PlacementFilter> filters, List<PlacementScorer> scorers, RandomGenerator random,
                      Deciding deciding) {
        this.filters = List.copyOf(filters);
        this.scorers = List.copyOf(scorers);
        this.random = random;
        this.deciding = deciding;
    }

    /** This scheduler deciding always by scan, or by index wherever the index applies (tests compare the two). */
    Scheduler deciding(Deciding mode) {
        return new Scheduler(filters, scorers, random, mode);
    }

    public Scheduler(List<PlacementFilter> filters, List<PlacementScorer> scorers) {
        this(filters, scorers, new Random());
    }

    /** Resource and port filters; by default spread across zones, then across instances. */
    public static Scheduler defaults(RandomGenerator random) {
        return new Scheduler(
                List.of(new SchedulableFilter(), new CpuFilter(), new MemoryFilter(), new PortFilter()),
                StrategyScorers.of(Placement.SERVICE_DEFAULT_STRATEGIES), random);
    }

    public static Scheduler defaults() {
        return defaults(new Random());
    }

    /** Places {@code count} identical tasks with the default strategies and no constraints. */
    public PlacementOutcome place(TaskRequirements task, int count, ClusterLoad load) {
        return place(task, Placement.SERVICE_DEFAULT, count, load);
    }

    /**
     * Places {@code count} identical tasks one after another, each seeing the reservations of the previous, under
     * {@code placement}'s constraints and strategies (this scheduler's default chain when it declares none).
     */
    public PlacementOutcome place(TaskRequirements task, Placement placement, int count, ClusterLoad load) {
        List<PlacementFilter> activeFilters = filtersFor(placement);
        List<PlacementScorer> chain = placement.strategies().isEmpty() ? scorers
                : StrategyScorers.of(placement.strategies());

        List<UUID> placements = new ArrayList<>(count);
        // The per-call working state: the instances in the load's order, updated in place as tasks are placed, and
        // the instances placed on. The result shares the input load's map and adds only those (ClusterLoad).
        InstanceLoad[] working = load.instances().values().toArray(new InstanceLoad[0]);
        Map<UUID, InstanceLoad> placedOn = new HashMap<>();
        PlacementDecider decider = count <= 0 ? null : decider(task, activeFilters, chain, count, working);
        for (int i = 0; i < count; i++) {
            int best = decider.best();
            if (best < 0) {
                return new PlacementOutcome(placements, count - i, explain(activeFilters, task, Arrays.asList(working)),
                        load.withReplaced(placedOn));
            }
            InstanceLoad before = working[best];
            InstanceLoad after = before.withTask(task);
            working[best] = after;
            decider.placed(best, before, after);
            placements.add(after.id());
            placedOn.put(after.id(), after);
        }
        return new PlacementOutcome(placements, 0, null, load.withReplaced(placedOn));
    }

    /**
     * Whether an instance is one a task of this placement belongs on at all: schedulable (ACTIVE, connected) and
     * meeting the placement's constraints. Room (cpu, memory, ports) is not asked: a daemon service wants a task on
     * every such instance, and one that lacks room is reported, not left out of its count.
     */
    public boolean eligible(TaskRequirements task, Placement placement, InstanceLoad instance) {
        if (!instance.schedulable()) {
            return false;
        }
        for (PlacementFilter f : filtersFor(placement)) {
            if (!(f instanceof SchedulableFilter) && !filters.contains(f) && !f.accepts(task, instance)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Places one task on the given instance and nowhere else (a daemon's task for that host). Every filter applies;
     * when one rejects, the explanation names that instance's reason alone.
     */
    public PlacementOutcome placeOn(TaskRequirements task, Placement placement, UUID instanceId, ClusterLoad load) {
        InstanceLoad instance = load.instances().get(instanceId);
        if (instance == null) {
            return new PlacementOutcome(List.of(), 1, new PlacementExplanation(0, List.of()), load);
        }
        List<PlacementFilter> activeFilters = filtersFor(placement);
        if (firstRejecting(activeFilters, task, instance) != null) {
            return new PlacementOutcome(List.of(), 1, explain(activeFilters, task, List.of(instance)), load);
        }
        InstanceLoad after = instance.withTask(task);
        return new PlacementOutcome(List.of(instanceId), 0, null, load.withReplaced(Map.of(instanceId, after)));
    }

    /**
     * The index where it decides exactly as the scan (no random strategy, known scorers) and pays off (more than one
     * task: building it is one pass over the instances, as one scan is); the scan otherwise.
     */
    private PlacementDecider decider(TaskRequirements task, List<PlacementFilter> activeFilters,
                                     List<PlacementScorer> chain, int count, InstanceLoad[] working) {
        int randomAt = randomIndex(chain);
        boolean indexable = randomAt < 0 && IndexedDecider.supports(chain, working);
        boolean index = switch (deciding) {
            case AUTO -> indexable && count > 1;
            case INDEXED -> indexable;
            case SCAN -> false;
        };
        if (index) {
            return new IndexedDecider(task, activeFilters, chain, working);
        }
        return new ScanDecider(task, activeFilters, chain, randomAt < 0 ? chain.size() : randomAt, randomAt >= 0,
                random, working);
    }

    /** The base filters with the placement's constraints after the schedulability check. */
    private List<PlacementFilter> filtersFor(Placement placement) {
        if (placement.constraints().isEmpty()) {
            return filters;
        }
        List<PlacementFilter> constraintFilters = new ArrayList<>();
        for (PlacementConstraint c : placement.constraints()) {
            constraintFilters.add(switch (c) {
                case PlacementConstraint.DistinctInstance d -> new DistinctInstanceFilter();
                case PlacementConstraint.MemberOf m -> new MemberOfFilter(m);
            });
        }
        List<PlacementFilter> result = new ArrayList<>();
        boolean inserted = false;
        for (PlacementFilter f : filters) {
            result.add(f);
            if (f instanceof SchedulableFilter) {
                result.addAll(constraintFilters);
                inserted = true;
            }
        }
        if (!inserted) {
            result.addAll(0, constraintFilters);
        }
        return result;
    }

    private static int randomIndex(List<PlacementScorer> chain) {
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i) instanceof RandomScorer) {
                return i;
            }
        }
        return -1;
    }

    static PlacementFilter firstRejecting(List<PlacementFilter> filters, TaskRequirements task,
                                                  InstanceLoad instance) {
        for (PlacementFilter f : filters) {
            if (!f.accepts(task, instance)) {
                return f;
            }
        }
        return null;
    }

    private static PlacementExplanation explain(List<PlacementFilter> filters, TaskRequirements task,
                                                List<InstanceLoad> load) {
        Map<PlacementFilter, List<InstanceLoad>> byFilter = new LinkedHashMap<>();
        for (PlacementFilter f : filters) {
            byFilter.put(f, new ArrayList<>());
        }
        for (InstanceLoad instance : load) {
            PlacementFilter f = firstRejecting(filters, task, instance);
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
        return new PlacementExplanation(load.size(), rejections);
    }
}
