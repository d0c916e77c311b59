package io.berth.reconciler.traffic;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Where one draining target stands, from what the HAProxy containers that carry it said. Pure.
 *
 * <p>Deregistered: every one of them answered, and in each its server is absent from the running configuration or
 * has weight 0 (HAProxy sends it no new request). Drained: deregistered, and no request of it is in flight: its
 * server serves and queues none, and no old worker of a reload is alive in that container. Old workers are not
 * visible through the runtime API (it reaches the newest worker only); one may still be finishing a request it
 * sent the target before the reload that drained it, so "no in-flight request" can only be claimed once they are
 * gone. HAProxy's {@code hard-stop-after} (never shorter than the groups' deregistration delay) bounds how long
 * they live; an old worker kept alive by unrelated long connections just means the target waits for its delay.
 */
public final class DrainCheck {

    public enum State { UNCONFIRMED, DEREGISTERED, DRAINED }

    /**
     * What one carrier said.
     *
     * @param groups the target groups of the target that this carrier's load balancer uses
     * @param load   empty when the carrier could not be asked or its answer was not understood
     */
    public record Answer(Set<String> groups, Optional<BalancerLoad> load) {
        public Answer {
            groups = Set.copyOf(groups);
        }
    }

    private DrainCheck() {
    }

    /**
     * @param answers one per HAProxy container that should carry the target; none = no load balancer carries it
     *                (unconfirmed when {@code carried}: the carriers exist but none could be listed)
     * @param carried some load balancer uses one of the target's groups
     */
    public static State check(String taskId, boolean carried, Collection<Answer> answers) {
        if (!carried) {
            return State.DRAINED; // no HAProxy sends it anything
        }
        if (answers.isEmpty()) {
            return State.UNCONFIRMED;
        }
        boolean idle = true;
        for (Answer a : answers) {
            if (a.load().isEmpty()) {
                return State.UNCONFIRMED;
            }
            BalancerLoad load = a.load().get();
            for (String group : a.groups()) {
                Optional<BalancerLoad.Server> server = load.server(group, taskId);
                if (server.isPresent() && server.get().weight() != 0) {
                    return State.UNCONFIRMED;
                }
                if (server.isPresent() && (server.get().sessions() > 0 || server.get().queued() > 0)) {
                    idle = false;
                }
            }
            if (load.workers() != 1) {
                idle = false; // old workers (or none at all: a container between two workers) may hold requests
            }
        }
        return idle ? State.DRAINED : State.DEREGISTERED;
    }

}
