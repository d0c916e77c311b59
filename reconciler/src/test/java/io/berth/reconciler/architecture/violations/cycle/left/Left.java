package io.berth.reconciler.architecture.violations.cycle.left;

import io.berth.reconciler.architecture.violations.cycle.right.Right;

/** Deliberately breaks an architecture rule: evaluated only by the rule's own test. */
public class Left {
    Right right;
}
