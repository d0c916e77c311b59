package io.berth.reconciler.autoscaling;

import java.time.Instant;

/** When the service was last scaled out and in by auto scaling (null: never). */
public record LastScaling(Instant scaledOutAt, Instant scaledInAt) {

    public static final LastScaling NEVER = new LastScaling(null, null);

    /** The newer of the two; null when never scaled. */
    public Instant any() {
        if (scaledOutAt == null) {
            return scaledInAt;
        }
        return scaledInAt == null || scaledOutAt.isAfter(scaledInAt) ? scaledOutAt : scaledInAt;
    }
}
