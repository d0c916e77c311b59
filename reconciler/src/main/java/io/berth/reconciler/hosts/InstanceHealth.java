package io.berth.reconciler.hosts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Since when each instance has failed to answer, as this Berth has seen it. An instance silent for longer
 * than the grace period is lost: its tasks are replaced elsewhere. Kept in memory on purpose: after a
 * restart Berth first waits a full grace period of its own before it calls a host lost, rather than trusting
 * a stale "last seen" written before it went down.
 *
 * <p>A blip is not an outage. When more than {@link #DISRUPTION_SHARE} of the hosts this Berth watches (and at least
 * {@link #DISRUPTION_MIN_SILENT} of them) are silent at once, it is far likelier that Berth's own network or host
 * failed than that most of the fleet died together: no host is declared lost until enough answer again, so a
 * 10 s cut of Berth's link does not replace the whole fleet on heal. This is what Kubernetes' node lifecycle
 * controller does (unhealthyZoneThreshold 0.55: evictions stop in a fully disrupted zone). A real failure of most
 * hosts at once is then not acted on; their tasks could hardly be placed on the few left anyway.
 *
 * <p>A heal is not instant either: hosts answer again one by one, seconds apart (a heartbeat each, connections that
 * hung on the cut link time out first). When the disruption ends, the hosts still silent get a fresh grace from that
 * moment, as Kubernetes resets every node's probe time when a zone leaves full disruption. Without it, the first
 * host to answer ends the disruption and the others, silent since the cut, are declared lost at once: the blip
 * replaced the tasks of every host but one.
 */
public final class InstanceHealth {

    private static final Logger log = LoggerFactory.getLogger(InstanceHealth.class);
    /** Kubernetes' unhealthyZoneThreshold. With 4 hosts: 3 silent is a disruption, 2 are two lost hosts. */
    static final double DISRUPTION_SHARE = 0.55;
    /** One silent host is a lost host, however small the fleet. */
    static final int DISRUPTION_MIN_SILENT = 2;

    /** The heartbeat period: how far before a failed call the host may have gone silent unnoticed. */
    private static final Duration MAX_BACKDATE = Duration.ofSeconds(2);

    private final Clock clock;
    private final Duration grace;
    private final Map<UUID, Instant> failingSince = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> lastAnswered = new ConcurrentHashMap<>();
    private final AtomicBoolean disrupted = new AtomicBoolean();
    /** A silent host answered during the disruption: its end is a heal under way, not a host deregistered. */
    private final AtomicBoolean healing = new AtomicBoolean();

    public InstanceHealth(Clock clock, Duration grace) {
        this.clock = clock;
        this.grace = grace;
    }

    public void answered(UUID instanceId) {
        lastAnswered.put(instanceId, clock.instant());
        if (failingSince.remove(instanceId) != null && disrupted.get()) {
            healing.set(true);
        }
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

    /** A deregistered instance is no longer watched: it counts neither as silent nor as answering. */
    public void forget(UUID instanceId) {
        failingSince.remove(instanceId);
        lastAnswered.remove(instanceId);
    }

    /**
     * Instances silent for longer than the grace period; none while most watched hosts are silent at once
     * ({@link #disrupted()}).
     */
    public Set<UUID> lost() {
        if (failingSince.isEmpty() && !disrupted.get()) {
            return Set.of(); // the usual case costs nothing more than before
        }
        // One caller at a time: between the end of a disruption and the fresh grace it gives, another pass must not
        // see the old silences without the disruption and declare those hosts lost.
        synchronized (this) {
            Instant now = clock.instant();
            Instant cutoff = now.minus(grace);
            Set<UUID> silent = failingSince.entrySet().stream().filter(e -> !e.getValue().isAfter(cutoff))
                    .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
            if (silent.isEmpty()) {
                noteDisruption(false, 0, 0, now);
                return silent;
            }
            int failing = failingSince.size() + unheard(now.minus(grace.dividedBy(2)));
            int watched = watched();
            boolean disruption = isDisruption(failing, watched);
            boolean ended = noteDisruption(disruption, failing, watched, now);
            return disruption || ended ? Set.of() : silent;
        }
    }

    /**
     * Whether so many watched hosts are silent at once that none is declared lost. Worked numbers: 3 hosts, 2 silent
     * is 67 % (a disruption); 4 hosts, 2 silent is 50 % (two lost hosts); 1 host silent is never one.
     */
    static boolean isDisruption(int silent, int watched) {
        return silent >= DISRUPTION_MIN_SILENT && silent > DISRUPTION_SHARE * watched;
    }

    /** Whether the last look found most watched hosts silent at once (see {@link #lost()}); for metrics and health. */
    public boolean disrupted() {
        return disrupted.get();
    }

    /**
     * Watched hosts not known to fail that have not answered since {@code before} (half the grace). On a cut link a
     * host's heartbeat hangs until its timeout before it fails, so when the first hosts pass their grace the last
     * ones may not count as failing yet; without them, a cut of all 3 hosts looked like 2 of 4 silent (the local
     * engine answering), 50 %, and two hosts were declared lost. They count toward a disruption, never as lost.
     */
    private int unheard(Instant before) {
        int unheard = 0;
        for (Map.Entry<UUID, Instant> e : lastAnswered.entrySet()) {
            if (!failingSince.containsKey(e.getKey()) && e.getValue().isBefore(before)) {
                unheard++;
            }
        }
        return unheard;
    }

    private int watched() {
        Set<UUID> all = new java.util.HashSet<>(lastAnswered.keySet());
        all.addAll(failingSince.keySet());
        return all.size();
    }

    /** @return whether a heal ended a disruption just now (then every host still silent got a fresh grace) */
    private boolean noteDisruption(boolean disruption, int silent, int watched, Instant now) {
        if (!disrupted.compareAndSet(!disruption, disruption)) {
            return false;
        }
        if (disruption) {
            healing.set(false);
            log.warn("{} of {} hosts are silent at once: Berth takes its own network to be at fault and declares "
                    + "no host lost (no task is replaced) until more of them answer", silent, watched);
            return false;
        }
        if (!healing.getAndSet(false)) {
            // Ended by a deregistration, not by hosts answering: those still silent have no heal to wait for.
            log.info("no longer most hosts silent: silent hosts are declared lost after {} as usual", grace);
            return false;
        }
        failingSince.replaceAll((id, since) -> now);
        log.info("hosts answer again: the {} still silent get a fresh grace of {}, after which a silent host is "
                + "declared lost as usual", failingSince.size(), grace);
        return true;
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

    /**
     * The hosts silent now, since when (lost or not yet); none while most watched hosts are silent at once: then
     * Berth's own network is the likelier fault, and what cannot answer Berth may still answer a load balancer.
     * Counted as {@link #lost()} counts a disruption, so the first seconds of a cut of Berth's link (no host past its
     * grace yet) take no host out either.
     */
    public Map<UUID, Instant> failing() {
        if (failingSince.isEmpty()) {
            return Map.of();
        }
        Instant now = clock.instant();
        int silent = failingSince.size() + unheard(now.minus(grace.dividedBy(2)));
        if (disrupted.get() || isDisruption(silent, watched())) {
            return Map.of();
        }
        return Map.copyOf(failingSince);
    }

    public boolean isFailing(UUID instanceId) {
        return failingSince.containsKey(instanceId);
    }

    public Duration grace() {
        return grace;
    }
}
