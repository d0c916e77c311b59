package io.berth.reconciler.traffic;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The hosts Berth cannot reach at the moment of a traffic pass, as the traffic planner needs them.
 *
 * @param silentSince the hosts that stopped answering Berth (heartbeat or engine call failed), since when; empty
 *                    while most hosts are silent at once, when Berth's own network is the likelier fault and a load
 *                    balancer on a host may still reach them
 * @param lost        the hosts silent past the grace period: their tasks are being replaced elsewhere
 */
public record HostTrouble(Map<UUID, Instant> silentSince, Set<UUID> lost) {

    public static final HostTrouble NONE = new HostTrouble(Map.of(), Set.of());

    public HostTrouble {
        silentSince = Map.copyOf(Objects.requireNonNull(silentSince, "silentSince"));
        lost = Set.copyOf(Objects.requireNonNull(lost, "lost"));
    }

    public static HostTrouble lostOnly(Set<UUID> lost) {
        return new HostTrouble(Map.of(), lost);
    }

    public boolean isLost(UUID instanceId) {
        return lost.contains(instanceId);
    }

    /** Silent now, lost or not yet. */
    public boolean isSilent(UUID instanceId) {
        return lost.contains(instanceId) || silentSince.containsKey(instanceId);
    }

    public boolean isEmpty() {
        return silentSince.isEmpty() && lost.isEmpty();
    }
}
