package io.berth.bench.simcluster;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Prints a run's figures for people, and writes them as JSON. States figures; judges nothing about time. */
final class Report {

    /** Issue #4's goal: a million tasks placed and persisted in under a minute on this 2-core machine. */
    static final long GOAL_TASKS = 1_000_000;
    static final double GOAL_SECONDS = 60;

    private Report() {
    }

    static void print(PrintStream out, RunResult r, String database, String storePath) {
        BenchmarkOptions o = r.options();
        double loop = r.loopNanos() / 1e9;
        double placement = r.placementNanos() / 1e9;
        double persistence = r.persistenceNanos() / 1e9;
        long tasks = o.tasks();
        out.printf("Berth simulated cluster: %,d tasks on %,d hosts (%,d services of up to %,d tasks)%n", tasks, o.hosts(),
                o.services(), o.tasksPerService());
        out.printf("  hosts       : %,d FakeDockerEngine (in-memory) hosts offering 2/4/4/8 CPUs, 4 GiB per CPU; every 100th DRAINING%n",
                o.hosts());
        out.printf("  tasks       : 1 container each, reserving %d CPU units and %d MiB (%s)%n", r.taskCpu(), r.taskMemory(),
                o.taskCpu() > 0 || o.taskMemory() > 0 ? "size given"
                        : "all tasks fill ~%.0f %% of the ACTIVE hosts".formatted(SimulatedCluster.TARGET_FILL * 100));
        out.printf("  database    : %s%n", database);
        out.printf("  store path  : %s%n", storePath);
        out.printf("  setup       : %8.1f s  (registering hosts, services, deployments; not counted below)%n", r.setupNanos() / 1e9);
        out.printf("  placement   : %8.1f s  %,12.0f placements/s   (Scheduler.defaults().place, one call per service)%n",
                placement, tasks / placement);
        out.printf("  persistence : %8.1f s  %,12.0f tasks/s        (StateStore.placeTasks, one transaction per service)%n",
                persistence, tasks / persistence);
        out.printf("  total       : %8.1f s  %,12.0f tasks/s        (placement %.0f %%, persistence %.0f %%, other %.0f %%)%n",
                loop, tasks / loop, 100 * placement / loop, 100 * persistence / loop,
                100 * Math.max(0, loop - placement - persistence) / loop);
        double goalRate = GOAL_TASKS / GOAL_SECONDS;
        out.printf("  goal        : %,d tasks in %.0f s (%,.0f tasks/s): this run went at %.2fx the goal rate%n",
                GOAL_TASKS, GOAL_SECONDS, goalRate, (tasks / loop) / goalRate);
        if (tasks != GOAL_TASKS) {
            out.printf("                at this rate %,d tasks would take %.0f s (%.1fx the %.0f s budget; linear: placement cost"
                    + " grows with hosts, not with tasks placed)%n", GOAL_TASKS, loop * GOAL_TASKS / tasks,
                    loop * GOAL_TASKS / tasks / GOAL_SECONDS, GOAL_SECONDS);
        }
        if (tasks == GOAL_TASKS) {
            out.printf("                %s: %.1f s against %.0f s (%.2fx the budget)%n",
                    loop <= GOAL_SECONDS ? "within the goal" : "short of the goal", loop, GOAL_SECONDS, loop / GOAL_SECONDS);
        }
        PeakMemory.Peaks m = r.peaks();
        out.printf("  peak memory : heap %,d MiB (max %,d MiB), RSS %s%s%n", m.heapBytes() >> 20, m.heapMaxBytes() >> 20,
                m.rssBytes() < 0 ? "n/a" : "%,d MiB".formatted(m.rssBytes() >> 20),
                m.rssResettable() ? "" : " (peak of the whole process: the kernel did not allow a reset)");
        PlacementAudit.Result a = r.audit();
        out.printf("  check       : %,d task rows, %,d container rows, %,d hosts used, %,d over-committed (%.1f s)%n",
                a.tasks(), a.containers(), a.hostsUsed(), a.overCommittedHosts(), r.auditNanos() / 1e9);
        if (r.reload() != null) {
            out.printf("  reload      : %8.1f s  to read %,d active tasks' reservations and rebuild the cluster load, as"
                    + " each service pass does; %s%n", r.reload().nanos() / 1e9, r.reload().tasksRead(),
                    r.reload().mismatches() == 0 ? "equal to the scheduler's load" : r.reload().mismatches() + " hosts DIFFER");
        }
        if (r.ok()) {
            out.println("  verification: OK");
        } else {
            out.println("  VERIFICATION FAILED:");
            r.problems().forEach(p -> out.println("    - " + p));
        }
    }

    static void writeJson(Path file, RunResult r, String database, String storePath) throws IOException {
        Map<String, Object> j = new LinkedHashMap<>();
        BenchmarkOptions o = r.options();
        j.put("tasks", o.tasks());
        j.put("hosts", o.hosts());
        j.put("services", o.services());
        j.put("tasksPerService", o.tasksPerService());
        j.put("taskCpu", r.taskCpu());
        j.put("taskMemoryMiB", r.taskMemory());
        j.put("database", database);
        j.put("storePath", storePath);
        j.put("setupSeconds", r.setupNanos() / 1e9);
        j.put("placementSeconds", r.placementNanos() / 1e9);
        j.put("persistenceSeconds", r.persistenceNanos() / 1e9);
        j.put("totalSeconds", r.loopNanos() / 1e9);
        j.put("tasksPerSecond", o.tasks() / (r.loopNanos() / 1e9));
        j.put("placementsPerSecond", o.tasks() / (r.placementNanos() / 1e9));
        j.put("projectedSecondsForGoalTasks", r.loopNanos() / 1e9 * GOAL_TASKS / o.tasks());
        j.put("goalRateRatio", (o.tasks() / (r.loopNanos() / 1e9)) / (GOAL_TASKS / GOAL_SECONDS));
        j.put("peakHeapBytes", r.peaks().heapBytes());
        j.put("maxHeapBytes", r.peaks().heapMaxBytes());
        j.put("peakRssBytes", r.peaks().rssBytes());
        j.put("taskRows", r.audit().tasks());
        j.put("containerRows", r.audit().containers());
        j.put("hostsUsed", r.audit().hostsUsed());
        j.put("overCommittedHosts", r.audit().overCommittedHosts());
        if (r.reload() != null) {
            j.put("reloadSeconds", r.reload().nanos() / 1e9);
            j.put("reloadMismatches", r.reload().mismatches());
        }
        j.put("ok", r.ok());
        j.put("problems", r.problems());
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(j));
    }
}
