package io.berth.reconciler.architecture.violations.cycle.right;

import io.berth.reconciler.architecture.violations.cycle.left.Left;

/** Deliberately breaks an architecture rule: evaluated only by the rule's own test. */
public class Right {
    Left left;
}
