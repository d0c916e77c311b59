package io.berth.reconciler.desiredstate;

import java.util.UUID;

/**
 * Auto scaling's change of a service's desired count.
 *
 * @param from  the count the decision was made on: a service whose count changed since (an apply, another decision)
 *              is left as it is, and the next round decides again on the new count
 * @param event the service event that says why, with its figures
 */
public record ServiceScaling(UUID serviceId, int from, int to, String event) {
}
