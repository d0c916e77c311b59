package io.berth.reconciler.schedule;

import io.berth.reconciler.plan.ClientTokens;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The run-task client token of one firing: derived from the scheduled task's name and the firing time only, so every
 * attempt at the same firing (a retry, a restarted Berth, a new leader) asks for the same task ids and finds the tasks
 * of the first ({@link ClientTokens}); the cluster is part of those ids already.
 */
public final class FiringTokens {

    private FiringTokens() {
    }

    public static String token(String name, Instant fireTime) {
        String key = "berth-schedule:" + name.length() + ":" + name + ":" + fireTime.getEpochSecond() + "."
                + fireTime.getNano();
        // 45 characters, within ClientTokens.MAX_LENGTH for names of any length.
        return "schedule-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }
}
