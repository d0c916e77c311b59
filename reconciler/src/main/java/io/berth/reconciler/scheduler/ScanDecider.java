package io.berth.reconciler.scheduler;

import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.PlacementFilter;
import io.berth.reconciler.scheduler.spi.PlacementScorer;
import io.berth.reconciler.scheduler.spi.TaskRequirements;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The plain decision: every instance through the filters and the scorers, each time — O(instances) per task. It is
 * the definition of what the scheduler chooses; {@link IndexedDecider} must choose the same and is property-tested
 * against it ({@code IndexedDeciderEquivalencePropertyTest}). Used for the chains the index does not cover (a
 * {@code random} strategy, whose draws depend on the order instances are looked at; scorers it does not know).
 *
 * <p>Scorers are chained lexicographically, the first dominating. Remaining ties go to the instance running fewer
 * tasks of any group, then to the lower id — except under a {@code random} strategy, which draws uniformly among the
 * instances tied on the scorers before it (reservoir sampling over the instances in the load's order).
 */
final class ScanDecider implements PlacementDecider {

    private final TaskRequirements task;
    private final List<PlacementFilter> filters;
    private final List<PlacementScorer> chain;
    private final int compared;
    private final boolean randomTies;
    private final RandomGenerator random;
    private final InstanceLoad[] working;
    private final List<InstanceLoad> workingView;
    private final double[] bestScores;
    private final double[] scores;
    private final PlacementScorer[] prepared;

    /**
     * @param compared   how many scorers of the chain are compared (those before a {@code random} one)
     * @param randomTies whether ties are drawn from {@code random} rather than broken by task count and id
     */
    ScanDecider(TaskRequirements task, List<PlacementFilter> filters, List<PlacementScorer> chain, int compared,
                boolean randomTies, RandomGenerator random, InstanceLoad[] working) {
        this.task = task;
        this.filters = filters;
        this.chain = chain;
        this.compared = compared;
        this.randomTies = randomTies;
        this.random = random;
        this.working = working;
        this.workingView = Arrays.asList(working);
        this.bestScores = new double[compared];
        this.scores = new double[compared];
        this.prepared = new PlacementScorer[compared];
    }

    @Override
    public int best() {
        for (int s = 0; s < compared; s++) {
            prepared[s] = chain.get(s).prepare(task, workingView);
        }
        int best = -1;
        int ties = 0;
        for (int at = 0; at < working.length; at++) {
            InstanceLoad instance = working[at];
            if (Scheduler.firstRejecting(filters, task, instance) != null) {
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
            } else if (randomTies) {
                ties++;
                take = random.nextInt(ties) == 0; // reservoir sampling: uniform over the tied instances
            } else {
                take = breaksTieFor(instance, working[best]);
            }
            if (take) {
                best = at;
                System.arraycopy(scores, 0, bestScores, 0, compared);
            }
        }
        return best;
    }

    @Override
    public void placed(int at, InstanceLoad before, InstanceLoad after) {
        // nothing kept between decisions: the next one looks at the working array again
    }

    /**
     * The last tie-break of a deterministic chain: the instance running fewer tasks of any group, then the lower id.
     * Without the first, every service spreading across instances starts on the same lowest-id instances (20
     * services of 1,000 tasks used 1,000 of 10,000 hosts, 20 tasks each).
     */
    static boolean breaksTieFor(InstanceLoad candidate, InstanceLoad best) {
        int c = Integer.compare(candidate.totalTasks(), best.totalTasks());
        return c != 0 ? c < 0 : candidate.id().compareTo(best.id()) < 0;
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
}
