package io.berth.app.e2e;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Bounded polling for end-to-end tests: returns as soon as the condition holds, fails after the limit. */
final class Await {

    private Await() {
    }

    static void until(Duration limit, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** Watches {@code condition} for the whole window and fails the moment it does not hold. */
    static void holdsFor(Duration window, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("no longer true: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** Waits for {@code done} while checking {@code invariant} at every look; fails at the first breach. */
    static void untilKeeping(Duration limit, String what, BooleanSupplier invariant, String invariantText,
                             BooleanSupplier done) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (!invariant.getAsBoolean()) {
                throw new AssertionError("broken while waiting for " + what + ": " + invariantText);
            }
            if (done.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
