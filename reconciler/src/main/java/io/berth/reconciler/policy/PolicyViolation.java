package io.berth.reconciler.policy;

/**
 * A field of a task definition its cluster's policy does not allow.
 *
 * @param field   path inside the task definition, e.g. "containers[0].privileged"
 * @param message why, naming the policy setting that would allow it
 */
public record PolicyViolation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
