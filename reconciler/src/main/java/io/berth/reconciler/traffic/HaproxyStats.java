package io.berth.reconciler.traffic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads HAProxy's {@code show stat} answer (CSV, first line "# pxname,svname,...") into each server's health in
 * ELBv2's terms. Columns are found by their header names, so a release that adds columns changes nothing.
 */
public final class HaproxyStats {

    /** At most this many lines are read: a backend per group and a server per target stay far below it. */
    static final int MAX_LINES = 20_000;

    private HaproxyStats() {
    }

    /** Health per server name of one backend; servers of other backends and the proxy summary lines are skipped. */
    public static Map<String, TargetHealth> servers(String showStat, String backend) {
        Map<String, TargetHealth> result = new HashMap<>();
        List<String> lines = showStat.lines().limit(MAX_LINES).toList();
        if (lines.isEmpty() || !lines.getFirst().startsWith("# ")) {
            return result;
        }
        List<String> header = List.of(lines.getFirst().substring(2).split(",", -1));
        int px = header.indexOf("pxname");
        int sv = header.indexOf("svname");
        int status = header.indexOf("status");
        int check = header.indexOf("check_status");
        int desc = header.indexOf("last_chk");
        if (px < 0 || sv < 0 || status < 0) {
            return result;
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length < header.size() || !f[px].equals(backend) || f[sv].equals("BACKEND")
                    || f[sv].equals("FRONTEND")) {
                continue;
            }
            String checkStatus = check >= 0 ? f[check].replace("* ", "").strip() : "";
            String lastCheck = desc >= 0 ? f[desc].strip() : "";
            result.put(f[sv], health(f[status].strip(), checkStatus, lastCheck));
        }
        return result;
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
