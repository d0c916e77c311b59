package io.berth.db.architecture.violations.cycle.left;

import io.berth.db.architecture.violations.cycle.right.Right;

/** Deliberately breaks an architecture rule: evaluated only by the rule's own test. */
public class Left {
    Right right;
}
