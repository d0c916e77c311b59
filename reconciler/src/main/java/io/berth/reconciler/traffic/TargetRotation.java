package io.berth.reconciler.traffic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which registered targets the load balancers send to, given the hosts Berth cannot reach: a pure function
 * {@code (registrations, host trouble, host names) -> (in rotation, out of rotation with why)}.
 *
 * <p>A target on a host that stopped answering Berth leaves the configuration at the next traffic pass, without
 * waiting for HAProxy's checks to fail ({@code fall} checks) or for the host to be declared lost and its tasks
 * replaced (the grace period): a crashed or cut-off host answers nothing, and every request HAProxy sends there waits
 * for the connect timeout before its retry goes elsewhere. Draining targets there leave too: nothing there can be
 * drained.
 *
 * <p>Fail-open, as ELBv2 routes to all targets when none is healthy: when every target of a group that is not
 * draining is on silent hosts not yet declared lost, those stay in rotation. Berth not hearing a host does not prove
 * the load balancer cannot reach it, and taking them out would turn "maybe unreachable" into "certainly 503". A lost
 * host's targets leave in every case: its tasks are being replaced.
 */
public final class TargetRotation {

    /** ELBv2's reason for a target that is not in a state to receive traffic (a stopped or terminated instance). */
    public static final String REASON = "Target.InvalidState";
    public static final String STATE = "unused";

    private TargetRotation() {
    }

    /**
     * @param in  the registrations the load balancers are configured with
     * @param out the registrations left out, with the health the target-health API shows for them
     */
    public record Rotation(List<Registration> in, Map<Registration, TargetHealth> out) {

        public Rotation {
            in = List.copyOf(in);
            out = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(out));
        }
    }

    /** @param hostNames how the API names each host (its hostname); the id is used for a host not in the map */
    public static Rotation of(Collection<Registration> registrations, HostTrouble trouble, Map<UUID, String> hostNames) {
        if (trouble.isEmpty()) {
            return new Rotation(List.copyOf(registrations), Map.of());
        }
        // Groups that keep a serving target on a host Berth hears: only those can do without their silent ones.
        Set<String> servedElsewhere = new HashSet<>();
        for (Registration r : registrations) {
            if (!r.draining() && !trouble.isSilent(r.instanceId())) {
                servedElsewhere.add(r.targetGroup());
            }
        }
        List<Registration> in = new ArrayList<>();
        Map<Registration, TargetHealth> out = new LinkedHashMap<>();
        for (Registration r : registrations) {
            UUID host = r.instanceId();
            String name = hostNames.getOrDefault(host, host.toString());
            if (trouble.isLost(host)) {
                out.put(r, new TargetHealth(STATE, REASON, "instance " + name
                        + " is lost (silent past the grace period): out of rotation while its task is replaced"));
            } else if (trouble.isSilent(host) && (r.draining() || servedElsewhere.contains(r.targetGroup()))) {
                out.put(r, new TargetHealth(STATE, REASON, "instance " + name + " has not answered since "
                        + trouble.silentSince().get(host) + ": out of rotation until it answers again"));
            } else {
                in.add(r);
            }
        }
        return new Rotation(in, out);
    }
}
