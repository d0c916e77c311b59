package io.berth.reconciler.model;

import java.util.UUID;

/**
 * What a task that is not STOPPED holds on its instance — all that placement needs of it (the load of every instance
 * is rebuilt from these at the start of a pass), without its containers, times and the rest of the row.
 *
 * @param serviceId   null for one-off tasks
 * @param serviceName null for one-off tasks
 */
public record TaskReservation(UUID instanceId, UUID serviceId, String serviceName, String family, int revision,
                              int reservedCpu, int reservedMemory) {

    /** The reservation of a stored task. */
    public static TaskReservation of(Task t) {
        return new TaskReservation(t.instanceId(), t.serviceId(), t.serviceName(), t.family(), t.revision(),
                t.reservedCpu(), t.reservedMemory());
    }

    public String taskDefinitionArn() {
        return family + ":" + revision;
    }
}
