package io.berth.app.api.dto;

import java.time.Instant;

/**
 * One scheduled scaling action of a service (describe-scheduled-actions).
 *
 * @param minCount    what the action sets; null: it leaves minCount as it is
 * @param lastFiredAt the firing time last applied; null: not fired since Berth first saw it
 * @param nextFiringAt the next firing; null when the schedule has none left
 * @param inForce     the service's minCount..maxCount now, as the actions that fired last set it
 */
public record ScheduledActionView(String service, String name, String schedule, String timezone, Integer minCount,
                                  Integer maxCount, Instant lastFiredAt, Instant nextFiringAt, String inForce) {
}
