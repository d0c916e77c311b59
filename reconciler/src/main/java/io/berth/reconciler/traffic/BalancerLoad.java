package io.berth.reconciler.traffic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one HAProxy container said about its traffic, for connection draining: how many HAProxy worker processes
 * run in it (more than one = old workers of a reload still finish requests they accepted, and the runtime API
 * shows only the newest worker's counters), and per backend and server its weight and the requests it has in
 * flight. Parsed from the answer of the probe the traffic pass runs in the container: a first line
 * {@code workers N}, then HAProxy's {@code show stat} CSV.
 */
public record BalancerLoad(int workers, Map<String, Map<String, Server>> servers) {

    /** One server (target) of one backend: its effective weight, sessions it serves ({@code scur}), queued ({@code qcur}). */
    public record Server(int weight, int sessions, int queued) {
    }

    public BalancerLoad {
        servers = Map.copyOf(servers);
    }

    /** Empty when the answer is not the probe's (a failed socket connection, an unknown format). */
    public static Optional<BalancerLoad> parse(String answer) {
        List<String> lines = answer.lines().limit(HaproxyStats.MAX_LINES).toList();
        if (lines.size() < 2 || !lines.get(0).startsWith("workers ") || !lines.get(1).startsWith("# ")) {
            return Optional.empty();
        }
        int workers;
        try {
            workers = Integer.parseInt(lines.get(0).substring("workers ".length()).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        List<String> header = List.of(lines.get(1).substring(2).split(",", -1));
        int px = header.indexOf("pxname");
        int sv = header.indexOf("svname");
        int weight = header.indexOf("weight");
        int scur = header.indexOf("scur");
        int qcur = header.indexOf("qcur");
        if (px < 0 || sv < 0 || weight < 0 || scur < 0 || qcur < 0) {
            return Optional.empty();
        }
        Map<String, Map<String, Server>> servers = new HashMap<>();
        for (String line : lines.subList(2, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length < header.size() || f[sv].equals("BACKEND") || f[sv].equals("FRONTEND")) {
                continue;
            }
            try {
                servers.computeIfAbsent(f[px], k -> new HashMap<>()).put(f[sv],
                        new Server(number(f[weight]), number(f[scur]), number(f[qcur])));
            } catch (NumberFormatException e) {
                return Optional.empty(); // not a count: do not guess that nothing is in flight
            }
        }
        return Optional.of(new BalancerLoad(workers, servers));
    }

    private static int number(String s) {
        return s.isBlank() ? 0 : Integer.parseInt(s.strip());
    }

    /** The server of a task in a target group's backend; empty when the running configuration lacks it. */
    public Optional<Server> server(String targetGroup, String taskId) {
        return Optional.ofNullable(servers.getOrDefault(HaproxyConfigRenderer.backendName(targetGroup), Map.of())
                .get(ServerNames.of(taskId)));
    }
}
