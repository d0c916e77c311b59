package io.berth.reconciler.scheduler;

import io.berth.reconciler.placement.Placement;
import io.berth.reconciler.placement.PlacementConstraint;
import io.berth.reconciler.scheduler.filters.CpuFilter;
import io.berth.reconciler.scheduler.filters.DistinctInstanceFilter;
import io.berth.reconciler.scheduler.filters.MemberOfFilter;
import io.berth.reconciler.scheduler.filters.MemoryFilter;
import io.berth.reconciler.scheduler.filters.PortFilter;
import io.berth.reconciler.scheduler.filters.SchedulableFilter;
import io.berth.reconciler.scheduler.scorers.RandomScorer;
import io.berth.reconciler.scheduler.scorers.StrategyScorers;

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
 * <p>Cost of one decision: one pass over the instances, no allocation per instance (the spread-by-attribute scorer
 * builds one small map of values). {@link #place} copies the instances into an array once per call and returns a
 * load that shares the input's map plus the instances it placed on (no copy of the instance map at all).
 */
public final class Scheduler {

    private final List<PlacementFilter> filters;
    private final List<PlacementScorer> scorers;
    private final RandomGenerator random;

    /**
     * @param filters the filters every placement passes (constraints of a placement are added after a
     *                {@link SchedulableFilter}, before resource filters, so a permanent reason explains first)
     * @param scorers the chain used when a placement declares no strategy
     * @param random  what {@code random} strategies draw from
     */
    public Scheduler(List<PlacementFilter> filters, List<PlacementScorer> scorers, RandomGenerator random) {
        this.filters = List.copyOf(filters);
        this.scorers = List.copyOf(scorers);
        this.random = random;
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
        int randomAt = randomIndex(chain);
        int compared = randomAt < 0 ? chain.size() : randomAt;
        double[] bestScores = new double[compared];
        double[] scores = new double[compared];
        PlacementScorer[] prepared = new PlacementScorer[compared];

        List<UUID> placements = new ArrayList<>(count);
        // The per-call working state: the instances in the load's order, updated in place as tasks are placed, and
        // the instances placed on. The result shares the input load's map and adds only those (ClusterLoad).
        InstanceLoad[] working = load.instances().values().toArray(new InstanceLoad[0]);
        List<InstanceLoad> workingView = Arrays.asList(working);
        Map<UUID, InstanceLoad> placedOn = new HashMap<>();
        int[] tasksOnHost = new int[working.length]; // tie-break figure, computed when first needed (-1: not yet)
        Arrays.fill(tasksOnHost, -1);
        for (int i = 0; i < count; i++) {
            for (int s = 0; s < compared; s++) {
                prepared[s] = chain.get(s).prepare(task, workingView);
            }
            int best = -1;
            int ties = 0;
            for (int at = 0; at < working.length; at++) {
                InstanceLoad instance = working[at];
                if (firstRejecting(activeFilters, task, instance) != null) {
                    continue;
                }
                for (int s = 0; s < compared; s++) {
                    scores[s] = prepared[s].score(task, instance);
                }
                int cmp = best < 0 ? 1 : compare(scores, bestScores);
                boolean take;
                if (cmp > 0) {
                    take = true;
                    ties = 1;
                } else if (cmp < 0) {
                    take = false;
                } else if (randomAt >= 0) {
                    ties++;
                    take = random.nextInt(ties) == 0; // reservoir sampling: uniform over the tied instances
                } else {
                    take = breaksTieFor(working, tasksOnHost, at, best);
                }
                if (take) {
                    best = at;
                    System.arraycopy(scores, 0, bestScores, 0, compared);
                }
            }
            if (best < 0) {
                return new PlacementOutcome(placements, count - i, explain(activeFilters, task, workingView),
                        load.withReplaced(placedOn));
            }
            InstanceLoad after = working[best].withTask(task);
            working[best] = after;
            tasksOnHost[best] = -1;
            placements.add(after.id());
            placedOn.put(after.id(), after);
        }
        return new PlacementOutcome(placements, 0, null, load.withReplaced(placedOn));
    }

    /**
     * The last tie-break of a deterministic chain: the instance running fewer tasks of any group, then the lower id.
     * Without the first, every service spreading across instances starts on the same lowest-id instances (20
     * services of 1,000 tasks used 1,000 of 10,000 hosts, 20 tasks each).
     */
    private static boolean breaksTieFor(InstanceLoad[] working, int[] tasksOnHost, int candidate, int best) {
        int c = Integer.compare(tasksOn(working, tasksOnHost, candidate), tasksOn(working, tasksOnHost, best));
        return c != 0 ? c < 0 : working[candidate].id().compareTo(working[best].id()) < 0;
    }

    private static int tasksOn(InstanceLoad[] working, int[] tasksOnHost, int at) {
        if (tasksOnHost[at] < 0) {
            tasksOnHost[at] = working[at].totalTasks();
        }
        return tasksOnHost[at];
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

    /** Lexicographic: the first differing score decides; positive when {@code a} is better. */
    private static int compare(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Double.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static PlacementFilter firstRejecting(List<PlacementFilter> filters, TaskRequirements task,
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
