package io.berth.reconciler.traffic;

import java.util.Map;

/**
 * What one HAProxy's {@code show stat} said: each backend's counters, and the health of each server of each backend.
 *
 * @param backends by backend name
 * @param servers  by backend name, then server name
 */
public record HaproxyStatsReport(Map<String, BackendCounters> backends, Map<String, Map<String, TargetHealth>> servers) {

    public static final HaproxyStatsReport EMPTY = new HaproxyStatsReport(Map.of(), Map.of());

    public HaproxyStatsReport {
        backends = Map.copyOf(backends);
        servers = Map.copyOf(servers);
    }
}
