package io.berth.reconciler.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Since when each instance has failed to answer, as this Berth has seen it. An instance silent for longer
 * than the grace period is lost: its tasks are replaced elsewhere. Kept in memory on purpose: after a
 * restart Berth first waits a full grace period of its own before it calls a host lost, rather than trusting
 * a stale "last seen" written before it went down.
 */
public final class InstanceHealth {

    private final Clock clock;
    private final Duration grace;
    private final Map<UUID, Instant> failingSince = new ConcurrentHashMap<>();

    public InstanceHealth(Clock clock, Duration grace) {
        this.clock = clock;
        this.grace = grace;
    }

    public void answered(UUID instanceId) {
        failingSince.remove(instanceId);
    }

    public void failed(UUID instanceId) {
        failed(instanceId, clock.instant());
    }

    /** @param since when the call that failed was made (a ping that timed out failed when it was sent) */
    public void failed(UUID instanceId, Instant since) {
        failingSince.putIfAbsent(instanceId, since);
    }

    /** Instances silent for longer than the grace period. */
    public Set<UUID> lost() {
        Instant cutoff = clock.instant().minus(grace);
        return failingSince.entrySet().stream().filter(e -> !e.getValue().isAfter(cutoff))
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * How long until a failing instance counts as lost (zero once it is); empty when it is not failing. Passes
     * that skipped a silent host look again then, so its tasks are replaced when the grace ends, not at a resync.
     */
    public Optional<Duration> untilLost(UUID instanceId) {
        Instant since = failingSince.get(instanceId);
        if (since == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), since.plus(grace));
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    public boolean isFailing(UUID instanceId) {
        return failingSince.containsKey(instanceId);
    }

    public Duration grace() {
        return grace;
    }
}
