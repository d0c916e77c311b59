package io.berth.docker;

import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** docker-java's {@link Statistics} to {@link ContainerStats}. */
final class StatsMapper {

    private StatsMapper() {
    }

    /** Null when the reading carries no CPU figure: a container that stopped while it was read. */
    static ContainerStats map(Statistics s, Instant fallbackRead) {
        if (s == null || s.getCpuStats() == null || s.getCpuStats().getCpuUsage() == null
                || s.getCpuStats().getCpuUsage().getTotalUsage() == null) {
            return null;
        }
        long cpu = s.getCpuStats().getCpuUsage().getTotalUsage();
        Long online = s.getCpuStats().getOnlineCpus();
        MemoryStatsConfig m = s.getMemoryStats();
        long usage = m == null || m.getUsage() == null ? 0 : m.getUsage();
        long limit = m == null || m.getLimit() == null ? 0 : m.getLimit();
        return new ContainerStats(read(s.getRead(), fallbackRead), cpu, online == null ? 0 : online.intValue(),
                Math.max(0, usage - reclaimable(m == null ? null : m.getStats())), limit);
    }

    /**
     * The page cache the kernel takes back under pressure, left out as {@code docker stats} does: cgroup v2 reports
     * {@code inactive_file}, v1 {@code total_inactive_file}. Without it a container that reads files looks full.
     */
    static long reclaimable(StatsConfig stats) {
        if (stats == null) {
            return 0;
        }
        if (stats.getInactiveFile() != null) {
            return stats.getInactiveFile();
        }
        return stats.getTotalInactiveFile() == null ? 0 : stats.getTotalInactiveFile();
    }

    private static Instant read(String text, Instant fallback) {
        if (text == null || text.startsWith("0001-")) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
