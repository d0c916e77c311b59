package io.berth.reconciler.pass;

import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.store.StateStore;
import io.berth.reconciler.store.TrafficStore;
import io.berth.reconciler.traffic.HaproxyConfigRenderer;
import io.berth.reconciler.traffic.HaproxySettings;
import io.berth.reconciler.traffic.HaproxyStats;
import io.berth.reconciler.traffic.HostTrouble;
import io.berth.reconciler.traffic.LoadBalancer;
import io.berth.reconciler.traffic.Registration;
import io.berth.reconciler.traffic.ServerNames;
import io.berth.reconciler.traffic.TargetHealth;
import io.berth.reconciler.traffic.TargetRotation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A target group's targets with the health HAProxy's own checks give them, read from HAProxy's runtime API
 * ({@code show stat} on its stats socket, through an exec in its container: the image has perl, not socat).
 * Never inferred: a target no HAProxy reports is {@code initial} (registration in progress), and one whose
 * HAProxy cannot be asked is {@code unavailable}. With HAProxy on several instances, the first that answers speaks.
 */
public final class TargetHealthReader {

    private static final Logger log = LoggerFactory.getLogger(TargetHealthReader.class);
    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(5);

    private final StateStore store;
    private final TrafficStore traffic;
    private final EngineRegistry engines;
    private final UUID installation;
    private final HaproxyStatsClient client;
    private final Supplier<HostTrouble> trouble;

    public TargetHealthReader(StateStore store, TrafficStore traffic, EngineRegistry engines, UUID installation,
                              HaproxySettings settings) {
        this(store, traffic, engines, installation, settings, () -> HostTrouble.NONE);
    }

    /**
     * @param trouble the hosts Berth cannot reach, as the traffic pass sees them: a target the pass took out of
     *                rotation for its host is shown so, naming the host, not as a registration in progress
     */
    public TargetHealthReader(StateStore store, TrafficStore traffic, EngineRegistry engines, UUID installation,
                              HaproxySettings settings, Supplier<HostTrouble> trouble) {
        this.trouble = trouble;
        this.store = store;
        this.traffic = traffic;
        this.engines = engines;
        this.installation = installation;
        this.client = new HaproxyStatsClient(settings, EXEC_TIMEOUT);
    }

    /** One registered target and its health. */
    public record TargetDescription(String taskId, UUID instanceId, int port, TargetHealth health) {
    }

    public List<TargetDescription> describe(String cluster, String targetGroup) {
        List<Registration> all = TrafficPass.registrations(store, traffic, cluster);
        List<Registration> registered = all.stream()
                .filter(r -> r.targetGroup().equals(targetGroup)).toList();
        if (registered.isEmpty()) {
            return List.of();
        }
        HostTrouble troubleNow = trouble.get();
        Map<UUID, String> hostNames = new HashMap<>();
        store.instances().forEach(i -> hostNames.put(i.id(), i.hostname() == null ? i.id().toString() : i.hostname()));
        // Decided over the whole cluster, as the pass decides it (fail-open counts every target of the group).
        Map<Registration, TargetHealth> outOfRotation = TargetRotation.of(all, troubleNow, hostNames).out();
        List<String> users = traffic.loadBalancers(cluster).stream()
                .filter(lb -> lb.targetGroupNames().contains(targetGroup)).map(LoadBalancer::name).toList();
        Optional<Map<String, TargetHealth>> seen = users.isEmpty() ? Optional.empty()
                : firstAnswer(cluster, users, HaproxyConfigRenderer.backendName(targetGroup), troubleNow);
        List<TargetDescription> result = new ArrayList<>();
        for (Registration r : registered) {
            TargetHealth h;
            if (users.isEmpty()) {
                h = new TargetHealth("unused", "Target.NotInUse",
                        "Target group is not configured to receive traffic from a load balancer");
            } else if (outOfRotation.containsKey(r)) {
                h = outOfRotation.get(r);
            } else if (seen.isEmpty()) {
                h = new TargetHealth("unavailable", "Elb.InternalError", "No HAProxy of the load balancers could be asked");
            } else if (r.draining()) {
                // Being deregistered before its stop, whatever its checks say (ELBv2 shows such a target so too).
                h = new TargetHealth("draining", "Target.DeregistrationInProgress", "Target deregistration is in progress");
            } else {
                h = seen.get().getOrDefault(ServerNames.of(r.taskId()), new TargetHealth("initial",
                        "Elb.RegistrationInProgress", "Target registration is in progress"));
            }
            result.add(new TargetDescription(r.taskId(), r.instanceId(), r.hostPort(), h));
        }
        return result;
    }

    private Optional<Map<String, TargetHealth>> firstAnswer(String cluster, List<String> loadBalancers, String backend,
                                                            HostTrouble troubleNow) {
        for (ContainerInstance i : store.instances()) {
            Optional<DockerEngine> engine = engines.engine(i.id());
            if (!i.cluster().equals(cluster) || engine.isEmpty() || troubleNow.isSilent(i.id())) {
                continue;
            }
            try {
                Map<String, String> filter = new HashMap<>(ContainerLabels.clusterFilter(installation, cluster));
                filter.put(TrafficPass.LOAD_BALANCER_LABEL, null);
                for (ContainerState c : engine.get().list(filter)) {
                    if (!c.running() || !loadBalancers.contains(c.labels().get(TrafficPass.LOAD_BALANCER_LABEL))) {
                        continue;
                    }
                    String answer = client.showStat(engine.get(), c.id());
                    return Optional.of(HaproxyStats.servers(answer, backend));
                }
            } catch (EngineException e) {
                log.debug("instance {}: reading HAProxy's statistics failed: {}", i.id(), e.getMessage());
            }
        }
        return Optional.empty();
    }
}
