package io.berth.bench.simcluster;

import java.util.List;

/**
 * The figures of one run. {@code loopNanos} is the wall time of the place-and-store loop; placement and persistence
 * are its two parts (the rest is building task records and progress lines).
 *
 * @param reload   null when not asked for
 * @param problems what the audit (or the run itself) found wrong; empty = the run is valid
 */
record RunResult(String cluster, BenchmarkOptions options, int taskCpu, int taskMemory, long setupNanos, long loopNanos,
                 long placementNanos, long persistenceNanos, PeakMemory.Peaks peaks, PlacementAudit.Result audit,
                 long auditNanos, SimulatedCluster.Reload reload, List<String> problems) {

    RunResult {
        problems = List.copyOf(problems);
    }

    boolean ok() {
        return problems.isEmpty();
    }
}
