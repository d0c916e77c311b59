package io.berth.reconciler.schedule;

import java.util.Arrays;
import java.util.Optional;

/** What a firing does while an earlier firing's tasks still run (Kubernetes CronJob's concurrencyPolicy). */
public enum Concurrency {
    /** Start the new run beside the old one. */
    ALLOW("Allow"),
    /** Skip the firing (recorded with the reason); the old run goes on. */
    FORBID("Forbid"),
    /** Stop the old run's tasks, then start the new one. */
    REPLACE("Replace");

    private final String text;

    Concurrency(String text) {
        this.text = text;
    }

    /** As manifests write it: Allow, Forbid or Replace. */
    public String text() {
        return text;
    }

    public static Optional<Concurrency> parse(String text) {
        return Arrays.stream(values()).filter(c -> c.text.equals(text)).findFirst();
    }
}
