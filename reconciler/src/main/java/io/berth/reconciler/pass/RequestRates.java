package io.berth.reconciler.pass;

import io.berth.reconciler.metrics.RequestRate;
import io.berth.reconciler.traffic.TrafficStats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests a minute per target of each target group, from the HAProxies' cumulative request counters that every
 * traffic pass reads: the rise of the counters over the window, per healthy target of the group (latest pass). For
 * auto scaling's {@code requestsPerTarget}. A counter that went back (HAProxy restarted or reloaded) counts from its
 * new value on.
 */
public final class RequestRates implements TrafficObserver {

    private record Backend(String cluster, String loadBalancer, String targetGroup, String containerId) {
    }

    private record Added(Instant at, long requests) {
    }

    private record Group(String cluster, String targetGroup) {
    }

    private final Duration window;
    private final Clock clock;
    private final Map<Backend, Long> lastCounters = new ConcurrentHashMap<>();
    private final Map<Group, Deque<Added>> added = new ConcurrentHashMap<>();
    private final Map<Group, Integer> targets = new ConcurrentHashMap<>();

    public RequestRates(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    @Override
    public synchronized void observed(String cluster, TrafficStats stats) {
        Instant now = clock.instant();
        Map<Group, Long> rise = new HashMap<>();
        Set<Backend> seen = new HashSet<>();
        for (TrafficStats.BackendSample b : stats.backends()) {
            Backend key = new Backend(cluster, b.loadBalancer(), b.targetGroup(), b.containerId());
            seen.add(key);
            long current = b.counters().requests();
            Long before = lastCounters.put(key, current);
            long delta = before == null ? 0 : current >= before ? current - before : current;
            rise.merge(new Group(cluster, b.targetGroup()), delta, Long::sum);
        }
        lastCounters.keySet().removeIf(k -> k.cluster().equals(cluster) && !seen.contains(k));
        Map<Group, Set<String>> servers = new HashMap<>();
        for (TrafficStats.TargetSample t : stats.targets()) {
            // as ELB's RequestCountPerTarget: over the healthy targets, the ones HAProxy sends requests to (one
            // still in its first checks, failing them or draining takes none)
            if (t.health().state().equals("healthy")) {
                servers.computeIfAbsent(new Group(cluster, t.targetGroup()), g -> new HashSet<>()).add(t.server());
            }
        }
        rise.forEach((g, r) -> {
            Deque<Added> d = added.computeIfAbsent(g, k -> new ArrayDeque<>());
            d.addLast(new Added(now, r));
            while (d.size() > 1 && d.peekFirst().at().isBefore(now.minus(window))) {
                d.removeFirst();
            }
            targets.put(g, servers.getOrDefault(g, Set.of()).size());
        });
        added.keySet().removeIf(g -> g.cluster().equals(cluster) && !rise.containsKey(g));
    }

    /** Per target group of the cluster: requests a minute per target; a group observed once only is absent. */
    public Map<String, Double> perTarget(String cluster) {
        Map<String, Double> result = new HashMap<>();
        added.forEach((g, d) -> {
            if (!g.cluster().equals(cluster)) {
                return;
            }
            Added[] list;
            synchronized (this) {
                list = d.toArray(Added[]::new);
            }
            if (list.length < 2) {
                return;
            }
            long requests = 0;
            for (int i = 1; i < list.length; i++) {
                requests += list[i].requests(); // the first entry's rise happened before the window's start
            }
            double rate = RequestRate.perTargetPerMinute(requests, Duration.between(list[0].at(),
                    list[list.length - 1].at()), targets.getOrDefault(g, 0));
            if (rate >= 0) {
                result.put(g.targetGroup(), rate);
            }
        });
        return result;
    }

    @Override
    public synchronized void forget() {
        lastCounters.clear();
        added.clear();
        targets.clear();
    }
}
