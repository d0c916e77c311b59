package io.berth.reconciler.plan;

/** A container the instance pass removes, and why (logged, so that removals are never silent). */
public record ContainerCleanup(String containerId, boolean running, String reason) {
}
