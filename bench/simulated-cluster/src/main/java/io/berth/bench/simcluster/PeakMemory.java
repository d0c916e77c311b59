package io.berth.bench.simcluster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of this JVM over a measured phase: the heap's peak (sum of the heap pools' peaks since
 * {@link #reset}; an upper bound, as pools peak at different moments) and the process's peak resident set
 * (Linux's VmHWM, reset through {@code /proc/self/clear_refs} where the kernel allows it).
 */
final class PeakMemory {

    /** @param rssResettable false when the kernel refused the reset: the RSS peak then covers the whole process life */
    record Peaks(long heapBytes, long rssBytes, boolean rssResettable, long heapMaxBytes) {
    }

    private boolean rssResettable;

    void reset() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // 5 = reset the peak RSS to the current RSS
            rssResettable = true;
        } catch (IOException | UnsupportedOperationException e) {
            rssResettable = false;
        }
    }

    Peaks read() {
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        return new Peaks(heap, statusKib("VmHWM") * 1024, rssResettable, Runtime.getRuntime().maxMemory());
    }

    /** A "Name:   123 kB" line of /proc/self/status, in KiB; -1 where there is no /proc. */
    private static long statusKib(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name + ":")) {
                    return Long.parseLong(line.substring(name.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
