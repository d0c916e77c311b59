package io.berth.reconciler.metrics;

import java.time.Duration;

/**
 * ECS's {@code CPUUtilization} and {@code MemoryUtilization} of one task: what it used, in percent of what it
 * reserved. A task may use more than it reserved (cpu units are a share, not a cap), so both go above 100.
 */
public final class Utilisation {

    /** ECS's unit: 1024 cpu units are one core. */
    public static final int UNITS_PER_CORE = 1024;

    private Utilisation() {
    }

    /**
     * CPU used between two readings in percent of the reservation. A task without a reservation is measured against
     * one core (1024 units), so that its figure still means something.
     *
     * <p>Worked: 0.5 s of CPU over 10 s of wall time is 0.05 cores; with 256 units (a quarter core) reserved that is
     * 0.05 / 0.25 = 20 %. A busy loop on one core with 512 units reserved: 1 / 0.5 = 200 %.
     *
     * @return empty-as-negative: -1 when the interval is not positive (two readings of the same instant)
     */
    public static double cpuPercent(long cpuNanosUsed, Duration wall, int reservedCpuUnits) {
        if (!wall.isPositive() || cpuNanosUsed < 0) {
            return -1;
        }
        double cores = (double) cpuNanosUsed / wall.toNanos();
        double reservedCores = (reservedCpuUnits > 0 ? reservedCpuUnits : UNITS_PER_CORE) / (double) UNITS_PER_CORE;
        return 100.0 * cores / reservedCores;
    }

    /**
     * Memory in use in percent of the reservation (MiB; ECS's memoryReservation, else memory); without a reservation,
     * in percent of the containers' limit.
     *
     * <p>Worked: 96 MiB used of 128 MiB reserved is 75 %; 64 MiB used, no reservation, a 256 MiB limit: 25 %.
     *
     * @return -1 when there is nothing to measure against
     */
    public static double memoryPercent(long usedBytes, int reservedMiB, long limitBytes) {
        long of = reservedMiB > 0 ? reservedMiB * 1024L * 1024L : limitBytes;
        if (of <= 0) {
            return -1;
        }
        return 100.0 * usedBytes / of;
    }

    /**
     * The mean of the figures that are there (non-negative); -1 when none is.
     *
     * <p>Worked: [80, -1, 40] → 60.
     */
    public static double mean(double... figures) {
        double sum = 0;
        int n = 0;
        for (double f : figures) {
            if (f >= 0) {
                sum += f;
                n++;
            }
        }
        return n == 0 ? -1 : sum / n;
    }
}
