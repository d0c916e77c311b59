package io.berth.reconciler.architecture.violations;

import io.berth.docker.ContainerState;

/** Deliberately breaks an architecture rule: evaluated only by the rule's own test. */
public class ReadsEngineState {
    ContainerState state;
}
