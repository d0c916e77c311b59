package io.berth.reconciler.hosts;

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

    /** The heartbeat period: how far before a failed call the host may have gone silent unnoticed. */
    private static final Duration MAX_BACKDATE = Duration.ofSeconds(2);

    private final Clock clock;
    private final Duration grace;
    private final Map<UUID, Instant> failingSince = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> lastAnswered = new ConcurrentHashMap<>();

    public InstanceHealth(Clock clock, Duration grace) {
        this.clock = clock;
        this.grace = grace;
    }

    public void answered(UUID instanceId) {
        lastAnswered.put(instanceId, clock.instant());
        failingSince.remove(instanceId);
    }

    public void failed(UUID instanceId) {
        failed(instanceId, clock.instant());
    }

    /**
     * The grace runs from the last answer this Berth saw, as a heartbeat TTL does (ECS agents, Nomad clients):
     * a host that died just after a heartbeat has been silent since that heartbeat, not since the next call
     * noticed it. Without an answer since this Berth started, it runs from the failed call. It is backdated by
     * at most one heartbeat: when Berth itself was too busy to ask for a while, a single failure must not make
     * a host lost at once.
     *
     * @param since when the call that failed was made (a ping that timed out failed when it was sent)
     */
    public void failed(UUID instanceId, Instant since) {
        Instant last = lastAnswered.get(instanceId);
        Instant silentSince = since;
        if (last != null && last.isBefore(since)) {
            Instant earliest = since.minus(MAX_BACKDATE);
            silentSince = last.isAfter(earliest) ? last : earliest;
        }
        failingSince.putIfAbsent(instanceId, silentSince);
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
