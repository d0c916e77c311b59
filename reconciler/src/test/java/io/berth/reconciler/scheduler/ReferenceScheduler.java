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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * TEST-ONLY REFERENCE: {@link Scheduler} as it was before its per-call copies of the cluster load were removed
 * (commit 90766ea): it copies the whole instance map into a working {@code LinkedHashMap} at the start of every
 * {@code place} call and again into the resulting {@link ClusterLoad}. Kept verbatim so that
 * {@code SchedulerEquivalencePropertyTest} can show that the cheaper scheduler takes the same decisions.
 * It follows the decision rules as they change (the fewer-tasks tie-break was added to both). Not used in production.
 */
final class ReferenceScheduler {

    private final List<PlacementFilter> filters;
    private final List<PlacementScorer> scorers;
    private final RandomGenerator random;

    /**
     * @param filters the filters every placement passes (constraints of a placement are added after a
     *                {@link SchedulableFilter}, before resource filters, so a permanent reason explains first)
     * @param scorers the chain used when a placement declares no strategy
     * @param random  what {@code random} strategies draw from
     */
    ReferenceScheduler(List<PlacementFilter> filters, List<PlacementScorer> scorers, RandomGenerator random) {
        this.filters = List.copyOf(filters);
        this.scorers = List.copyOf(scorers);
        this.random = random;
    }

    ReferenceScheduler(List<PlacementFilter> filters, List<PlacementScorer> scorers) {
        this(filters, scorers, new Random());
    }

    /** Resource and port filters; by default spread across zones, then across instances. */
    static ReferenceScheduler defaults(RandomGenerator random) {
        return new ReferenceScheduler(
                List.of(new SchedulableFilter(), new CpuFilter(), new MemoryFilter(), new PortFilter()),
                StrategyScorers.of(Placement.SERVICE_DEFAULT_STRATEGIES), random);
    }

    static ReferenceScheduler defaults() {
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
        Map<UUID, InstanceLoad> working = new LinkedHashMap<>(load.instances());
        for (int i = 0; i < count; i++) {
            for (int s = 0; s < compared; s++) {
                prepared[s] = chain.get(s).prepare(task, working.values());
            }
            InstanceLoad best = null;
            int ties = 0;
            for (InstanceLoad instance : working.values()) {
                if (firstRejecting(activeFilters, task, instance) != null) {
                    continue;
                }
                for (int s = 0; s < compared; s++) {
                    scores[s] = prepared[s].score(task, instance);
                }
                int cmp = best == null ? 1 : compare(scores, bestScores);
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
                    // the tie-break as Scheduler's (fewer tasks of any group, then id): this reference is about
                    // the load copies, so it follows the decision rules
                    int fewer = Integer.compare(instance.totalTasks(), best.totalTasks());
                    take = fewer != 0 ? fewer < 0 : instance.id().compareTo(best.id()) < 0;
                }
                if (take) {
                    best = instance;
                    System.arraycopy(scores, 0, bestScores, 0, compared);
                }
            }
            if (best == null) {
                return new PlacementOutcome(placements, count - i, explain(activeFilters, task, working),
                        new ClusterLoad(working));
            }
            placements.add(best.id());
            working.put(best.id(), best.withTask(task));
        }
        return new PlacementOutcome(placements, 0, null, new ClusterLoad(working));
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
                                                Map<UUID, InstanceLoad> load) {
        Map<PlacementFilter, List<InstanceLoad>> byFilter = new LinkedHashMap<>();
        for (PlacementFilter f : filters) {
            byFilter.put(f, new ArrayList<>());
        }
        for (InstanceLoad instance : load.values()) {
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
