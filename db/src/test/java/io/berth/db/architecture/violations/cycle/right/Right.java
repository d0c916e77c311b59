package io.berth.db.architecture.violations.cycle.right;

import io.berth.db.architecture.violations.cycle.left.Left;

/** Deliberately breaks an architecture rule: evaluated only by the rule's own test. */
public class Right {
    Left left;
}
