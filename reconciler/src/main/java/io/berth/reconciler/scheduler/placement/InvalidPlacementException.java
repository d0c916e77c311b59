package io.berth.reconciler.scheduler.placement;

/**
 * A placement strategy or constraint that cannot be used.
 *
 * @see #part() the field of the {@code {type, field}} / {@code {type, expression}} object that is wrong
 */
public final class InvalidPlacementException extends IllegalArgumentException {

    private final String part;
    private final String reason;

    public InvalidPlacementException(String part, String reason) {
        super(part + ": " + reason);
        this.part = part;
        this.reason = reason;
    }

    public String part() {
        return part;
    }

    public String reason() {
        return reason;
    }
}
