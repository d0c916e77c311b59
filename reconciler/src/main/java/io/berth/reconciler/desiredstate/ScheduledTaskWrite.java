package io.berth.reconciler.desiredstate;

/**
 * A scheduled task as applied.
 *
 * @param specJson   its spec in storage form ({@link io.berth.reconciler.store.ScheduledTaskJson})
 * @param labelsJson canonical JSON object of its labels
 */
public record ScheduledTaskWrite(String cluster, String name, String specJson, String labelsJson) {
}
