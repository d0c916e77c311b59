package io.berth.reconciler.traffic;

import io.berth.reconciler.scheduler.query.QueryContext;
import io.berth.reconciler.scheduler.query.QueryParser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decides, for one cluster, which HAProxy containers should run where and with what configuration. Pure:
 * {@code (load balancers, target groups, registrations, hosts, observed HAProxy containers) -> TrafficPlan}.
 *
 * <p>Each selected host runs one HAProxy per load balancer, with host networking: the listeners bind on the host,
 * and a target on the same host is reached on the loopback address, one on another host at that host's address.
 * A configuration differing from the one the container last received (compared by hash) is rewritten and
 * reloaded; a stopped HAProxy is removed and started afresh on the next pass.
 */
public final class TrafficPlanner {

    /** Targets on the balancer's own host: host networking makes the published port a loopback port. */
    static final String LOOPBACK = "127.0.0.1";

    private TrafficPlanner() {
    }

    public static TrafficPlan plan(Collection<LoadBalancer> loadBalancers, Collection<TargetGroup> groups,
                                   Collection<Registration> registrations, Collection<BalancerHost> hosts,
                                   Collection<ObservedBalancer> observed, HaproxySettings settings) {
        List<TrafficPlan.Action> actions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<UUID, BalancerHost> hostById = new LinkedHashMap<>();
        hosts.forEach(h -> hostById.put(h.instanceId(), h));
        // Which (load balancer, instance) pairs should have a container, with which configuration.
        Map<String, Map<UUID, String>> wanted = new HashMap<>();
        for (LoadBalancer lb : loadBalancers) {
            Map<UUID, String> configs = new LinkedHashMap<>();
            for (BalancerHost host : hostById.values()) {
                if (!host.answering() || !selects(lb, host, problems)) {
                    continue;
                }
                try {
                    configs.put(host.instanceId(), HaproxyConfigRenderer.render(lb, groups,
                            targetsSeenFrom(host, registrations, hostById), settings));
                } catch (IllegalArgumentException e) {
                    problems.add("load balancer " + lb.name() + ": " + e.getMessage());
                    configs.put(host.instanceId(), null); // keep what runs; do not start one
                }
            }
            wanted.put(lb.name(), configs);
        }
        Map<String, Map<UUID, Boolean>> covered = new HashMap<>();
        for (ObservedBalancer o : observed) {
            Map<UUID, String> configs = wanted.get(o.loadBalancer());
            if (configs == null) {
                actions.add(new TrafficPlan.RemoveBalancer(o.instanceId(), o.containerId(),
                        "load balancer " + o.loadBalancer() + " was deleted"));
                continue;
            }
            if (!configs.containsKey(o.instanceId())) {
                actions.add(new TrafficPlan.RemoveBalancer(o.instanceId(), o.containerId(),
                        "load balancer " + o.loadBalancer() + " no longer runs on this instance"));
                continue;
            }
            Map<UUID, Boolean> seen = covered.computeIfAbsent(o.loadBalancer(), k -> new HashMap<>());
            if (seen.containsKey(o.instanceId())) {
                actions.add(new TrafficPlan.RemoveBalancer(o.instanceId(), o.containerId(),
                        "a second HAProxy of load balancer " + o.loadBalancer() + " on this instance"));
                continue;
            }
            if (!o.running()) {
                actions.add(new TrafficPlan.RemoveBalancer(o.instanceId(), o.containerId(),
                        "HAProxy of load balancer " + o.loadBalancer() + " stopped; a new one replaces it"));
                continue;
            }
            seen.put(o.instanceId(), true);
            String config = configs.get(o.instanceId());
            if (config != null && !hash(config).equals(o.configHash())) {
                actions.add(new TrafficPlan.Reconfigure(o.instanceId(), o.containerId(), o.loadBalancer(), config,
                        hash(config)));
            }
        }
        for (LoadBalancer lb : loadBalancers) {
            Map<UUID, Boolean> seen = covered.getOrDefault(lb.name(), Map.of());
            wanted.get(lb.name()).forEach((instance, config) -> {
                if (config != null && !seen.containsKey(instance)) {
                    actions.add(new TrafficPlan.StartBalancer(instance, lb.name(), config, hash(config)));
                }
            });
        }
        return new TrafficPlan(actions, problems);
    }

    /** Hash of a configuration as the container labels and the executor remember it. */
    public static String hash(String config) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(config.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Map<String, List<Target>> targetsSeenFrom(BalancerHost self, Collection<Registration> registrations,
                                                             Map<UUID, BalancerHost> hosts) {
        Map<String, List<Target>> targets = new HashMap<>();
        Map<String, java.util.Set<String>> named = new HashMap<>();
        for (Registration r : registrations) {
            String address;
            if (r.instanceId().equals(self.instanceId())) {
                address = LOOPBACK;
            } else {
                BalancerHost h = hosts.get(r.instanceId());
                address = h == null ? null : h.address();
            }
            if (address == null || !named.computeIfAbsent(r.targetGroup(), k -> new java.util.HashSet<>()).add(r.taskId())) {
                continue; // unreachable from here, or one task registered twice in a group (two container ports)
            }
            targets.computeIfAbsent(r.targetGroup(), k -> new ArrayList<>())
                    .add(new Target(r.taskId(), address, r.hostPort(), r.draining()));
        }
        return targets;
    }

    private static boolean selects(LoadBalancer lb, BalancerHost host, List<String> problems) {
        if (lb.placement().isEmpty()) {
            return true;
        }
        try {
            return QueryParser.parse(lb.placement().get()).test(new QueryContext() {
                @Override
                public String attribute(String name) {
                    return host.attributes().get(name);
                }

                @Override
                public Collection<String> taskGroups() {
                    return List.of();
                }
            });
        } catch (IllegalArgumentException e) {
            problems.add("load balancer " + lb.name() + ": placement " + e.getMessage());
            return false;
        }
    }
}
