package io.berth.reconciler.pass;

import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.reconciler.model.TaskDrain;
import io.berth.reconciler.store.StateStore;
import io.berth.reconciler.traffic.BalancerLoad;
import io.berth.reconciler.traffic.DrainCheck;
import io.berth.reconciler.traffic.LoadBalancer;
import io.berth.reconciler.traffic.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The end of connection draining, after a traffic pass applied its plan: for each draining target not drained yet,
 * what the HAProxy containers that carry it say ({@link DrainCheck}), stored as the task's deregistration, then its
 * drain ({@link StateStore#recordDeregistered}, {@link StateStore#recordDrained}); the task's service is told, so
 * that its pass decides the held-back stop again ({@link io.berth.reconciler.plan.Deregistration}).
 *
 * <p>Most answers come from the pass's own statistics read (the same exec: worker count and {@code show stat});
 * only a container that read did not cover (one started in this pass, or one whose read failed) is asked here.
 */
final class DrainConfirmer {

    private static final Logger log = LoggerFactory.getLogger(DrainConfirmer.class);
    /** Longer than a statistics read: a container asked here is one that has not answered this pass yet. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final StateStore store;
    private final HaproxyStatsClient client;
    private final Clock clock;
    /** Told which services' stopping tasks moved on in their draining: their passes decide the stop again. */
    private volatile Consumer<UUID> drainProgress = serviceId -> {
    };

    DrainConfirmer(StateStore store, HaproxyStatsClient client, Clock clock) {
        this.store = store;
        this.client = client;
        this.clock = clock;
    }

    void onDrainProgress(Consumer<UUID> listener) {
        this.drainProgress = listener;
    }

    /** An HAProxy container that runs after the pass, carrying its load balancer's targets. */
    record Carrier(String containerId, DockerEngine engine) {
    }

    /**
     * Runs after the pass applied its plan, so a configuration written just now is what a container is asked about;
     * one whose reload has not finished still answers with the old one and confirms nothing until the next pass.
     *
     * @param carriers by load balancer name
     * @param answered what containers already said this pass, by container id (each is asked at most once a pass)
     */
    void confirm(String cluster, TrafficPass.Registrations registrations, List<LoadBalancer> loadBalancers,
                 Map<String, List<Carrier>> carriers, Map<String, Optional<BalancerLoad>> answered) {
        Map<String, Set<String>> groupsOf = new LinkedHashMap<>();
        registrations.list().stream().filter(Registration::draining)
                .forEach(r -> groupsOf.computeIfAbsent(r.taskId(), k -> new HashSet<>()).add(r.targetGroup()));
        if (groupsOf.isEmpty()) {
            return;
        }
        Map<UUID, TaskDrain> drains = store.drains(groupsOf.keySet().stream().map(UUID::fromString).toList());
        Map<String, Optional<BalancerLoad>> asked = new HashMap<>(answered);
        Instant now = clock.instant();
        for (Map.Entry<String, Set<String>> e : groupsOf.entrySet()) {
            UUID taskId = UUID.fromString(e.getKey());
            TaskDrain drain = drains.get(taskId);
            if (drain == null || drain.drainedAt() != null) {
                continue;
            }
            boolean carried = false;
            List<DrainCheck.Answer> answers = new ArrayList<>();
            for (LoadBalancer lb : loadBalancers) {
                Set<String> groups = new HashSet<>(lb.targetGroupNames());
                groups.retainAll(e.getValue());
                if (groups.isEmpty()) {
                    continue;
                }
                carried = true;
                for (Carrier c : carriers.getOrDefault(lb.name(), List.of())) {
                    answers.add(new DrainCheck.Answer(groups, asked.computeIfAbsent(c.containerId(), id -> probe(c))));
                }
            }
            DrainCheck.State state = DrainCheck.check(e.getKey(), carried, answers);
            boolean progress = false;
            if (state != DrainCheck.State.UNCONFIRMED && drain.deregisteredAt() == null) {
                store.recordDeregistered(taskId, now);
                progress = true;
            }
            if (state == DrainCheck.State.DRAINED) {
                store.recordDrained(taskId, now);
                progress = true;
                log.info("cluster {}: task {} is drained: no load balancer has a request of it in flight", cluster, taskId);
            }
            UUID service = registrations.services().get(e.getKey());
            if (progress && service != null) {
                drainProgress.accept(service);
            }
        }
    }

    /** Asks one HAProxy container for its workers and counters; empty when it cannot be asked. */
    private Optional<BalancerLoad> probe(Carrier c) {
        try {
            return BalancerLoad.parse(client.probe(c.engine(), c.containerId(), PROBE_TIMEOUT));
        } catch (EngineException e) {
            log.debug("asking HAProxy container {} about its traffic failed: {}", c.containerId(), e.getMessage());
            return Optional.empty();
        }
    }
}
