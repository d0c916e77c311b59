package io.berth.reconciler.autoscaling;

import io.berth.reconciler.model.StepScaling;

/** Application Auto Scaling's arithmetic, one rule a function. */
public final class ScalingArithmetic {

    /** Figures this close to a whole number count as it: 3 × 60 / 60 must be 3, not 3.0000000004 → 4. */
    private static final double EPSILON = 1e-9;

    private ScalingArithmetic() {
    }

    /**
     * Target tracking's desired count: the count at which the metric would sit at its target, assuming the load
     * spreads evenly: {@code ceil(current × metric / target)}. A service with no task keeps none unless the metric
     * says there is load (requests to a group with no target): then one.
     *
     * <p>Worked: 2 tasks at 91 % CPU, target 60 % → ceil(3.03) = 4; 4 tasks at 30 %, target 60 % → 2; 3 tasks at
     * exactly 60 % → 3; 0 tasks, 120 req/min → 1.
     */
    public static int targetTrackingCount(int current, double metric, double target) {
        if (current == 0) {
            return metric > 0 ? 1 : 0;
        }
        double exact = current * metric / target;
        return (int) Math.min(Integer.MAX_VALUE, Math.ceil(exact - EPSILON));
    }

    /**
     * A step's new count. PercentChangeInCapacity rounds as AWS does: a change between 0 and 1 task is 1, between
     * -1 and 0 is -1, beyond that rounded towards zero.
     *
     * <p>Worked: ChangeInCapacity +2 of 3 → 5; PercentChangeInCapacity +50 % of 3 → +1.5 → 4; +10 % of 3 → +0.3 →
     * 4; -25 % of 10 → -2.5 → 8; ExactCapacity 6 of 3 → 6.
     */
    public static int stepCount(StepScaling.AdjustmentType type, int current, int adjustment) {
        return switch (type) {
            case ChangeInCapacity -> current + adjustment;
            case ExactCapacity -> adjustment;
            case PercentChangeInCapacity -> current + percentChange(current, adjustment);
        };
    }

    /** See {@link #stepCount}. */
    static int percentChange(int current, int percent) {
        double change = current * percent / 100.0;
        if (change > 0 && change < 1) {
            return 1;
        }
        if (change < 0 && change > -1) {
            return -1;
        }
        return (int) change; // towards zero
    }

    /**
     * Several policies' counts to one: the largest wins when any wants more than now (scale out as soon as one
     * policy needs capacity); fewer only when every policy that has a say wants fewer and none vetoes it, and then the
     * largest of theirs (the smallest reduction all agree on).
     *
     * <p>Worked: now 4, wants [6, 3] → 6; [3, 2] → 3; [3, 4] → 4 (one holds); [3, 2] with a veto → 4; [] → 4.
     *
     * @param wants         the counts of the policies that have a say
     * @param scaleInVetoed a policy cannot agree to fewer (its metric is unknown, or its scale-in is disabled)
     */
    public static int combine(int current, int[] wants, boolean scaleInVetoed) {
        if (wants.length == 0) {
            return current;
        }
        int max = Integer.MIN_VALUE;
        for (int w : wants) {
            max = Math.max(max, w);
        }
        if (max > current) {
            return max;
        }
        return max < current && !scaleInVetoed ? max : current;
    }

    /**
     * A duration as events write it: "30s", "5m", "1m30s", "2h".
     */
    public static String text(java.time.Duration d) {
        long s = d.toSeconds();
        if (s == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            b.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0) {
            b.append(s).append('s');
        }
        return b.toString();
    }
}
