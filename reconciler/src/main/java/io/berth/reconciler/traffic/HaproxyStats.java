package io.berth.reconciler.traffic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads HAProxy's {@code show stat} answer (CSV, first line "# pxname,svname,...") into each server's health in
 * ELBv2's terms and each backend's request, 5xx and session counters. Columns are found by their header names, so a release that adds columns changes nothing.
 */
public final class HaproxyStats {

    /** At most this many lines are read: a backend per group and a server per target stay far below it. */
    static final int MAX_LINES = 20_000;

    private HaproxyStats() {
    }

    /** Health per server name of one backend; servers of other backends and the proxy summary lines are skipped. */
    public static Map<String, TargetHealth> servers(String showStat, String backend) {
        return parse(showStat).servers().getOrDefault(backend, Map.of());
    }

    /**
     * Every backend's counters ({@code BACKEND} rows: {@code stot}, {@code hrsp_5xx}, {@code scur}) and every server's
     * health. Frontends are skipped; a row shorter than the header, or a column that is not a number where one is
     * expected, counts as empty (0) rather than failing the whole answer.
     */
    public static HaproxyStatsReport parse(String showStat) {
        List<String> lines = showStat.lines().limit(MAX_LINES).toList();
        if (lines.isEmpty() || !lines.getFirst().startsWith("# ")) {
            return HaproxyStatsReport.EMPTY;
        }
        List<String> header = List.of(lines.getFirst().substring(2).split(",", -1));
        int px = header.indexOf("pxname");
        int sv = header.indexOf("svname");
        int status = header.indexOf("status");
        int check = header.indexOf("check_status");
        int desc = header.indexOf("last_chk");
        int stot = header.indexOf("stot");
        int http5xx = header.indexOf("hrsp_5xx");
        int scur = header.indexOf("scur");
        if (px < 0 || sv < 0 || status < 0) {
            return HaproxyStatsReport.EMPTY;
        }
        Map<String, BackendCounters> backends = new HashMap<>();
        Map<String, Map<String, TargetHealth>> servers = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length < header.size() || f[sv].equals("FRONTEND")) {
                continue;
            }
            if (f[sv].equals("BACKEND")) {
                backends.put(f[px], new BackendCounters(number(f, stot), number(f, http5xx), number(f, scur)));
                continue;
            }
            String checkStatus = check >= 0 ? f[check].replace("* ", "").strip() : "";
            String lastCheck = desc >= 0 ? f[desc].strip() : "";
            servers.computeIfAbsent(f[px], k -> new HashMap<>())
                    .put(f[sv], health(f[status].strip(), checkStatus, lastCheck));
        }
        return new HaproxyStatsReport(backends, servers);
    }

    /** A counter column; empty (HAProxy leaves what does not apply empty), absent or garbled is 0. */
    private static long number(String[] fields, int column) {
        if (column < 0) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(fields[column].strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static TargetHealth health(String status, String checkStatus, String lastCheck) {
        String words = (checkStatus + (lastCheck.isEmpty() ? "" : " " + lastCheck)).strip();
        if (status.startsWith("MAINT") || status.startsWith("DRAIN") || status.equals("NOLB")) {
            return new TargetHealth("draining", "Target.DeregistrationInProgress", "Target deregistration is in progress");
        }
        if (checkStatus.equals("INI") || checkStatus.isEmpty() && status.startsWith("UP")) {
            return new TargetHealth("initial", "Elb.InitialHealthChecking", "Initial health checks in progress");
        }
        if (status.startsWith("UP")) {
            return new TargetHealth("healthy", null, words.isEmpty() ? null : words);
        }
        if (status.startsWith("DOWN")) {
            return new TargetHealth("unhealthy", "Target.FailedHealthChecks",
                    words.isEmpty() ? "Health checks failed" : "Health checks failed: " + words);
        }
        return new TargetHealth("unavailable", "Elb.InternalError", "HAProxy reports status " + status);
    }
}
