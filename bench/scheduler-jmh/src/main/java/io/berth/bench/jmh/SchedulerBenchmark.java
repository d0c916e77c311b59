package io.berth.bench.jmh;

import io.berth.reconciler.scheduler.ClusterLoad;
import io.berth.reconciler.scheduler.PlacementOutcome;
import io.berth.reconciler.scheduler.Scheduler;
import io.berth.reconciler.scheduler.filters.CpuFilter;
import io.berth.reconciler.scheduler.filters.MemoryFilter;
import io.berth.reconciler.scheduler.filters.PortFilter;
import io.berth.reconciler.scheduler.filters.SchedulableFilter;
import io.berth.reconciler.scheduler.scorers.SpreadScorer;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.PlacementFilter;
import io.berth.reconciler.scheduler.spi.TaskRequirements;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler core on a cluster of {@code hosts} container instances that already run tasks of 40 services each
 * (about half full): one placement decision ({@code placeOne}), the per-task cost inside a 100-task and a 1,000-task
 * call ({@code placeHundred}, {@code placeThousand}: what a big launch pays), and the parts a decision is made of — copying the cluster load
 * after a placement, running the default filters over every host, and scoring every host — so that a slow decision
 * shows where its time goes.
 *
 * <p>Hosts are shaped like bench/simulated-cluster's: 2, 4, 4, 8 CPUs in turn with 4 GiB per CPU, every 100th not
 * schedulable. Fixed seed: every run sees the same cluster.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SchedulerBenchmark {

    private static final int[] CPUS = {2, 4, 4, 8};
    private static final int SERVICES_PER_HOST = 40;

    @Param({"1000", "10000"})
    public int hosts;

    private Scheduler scheduler;
    private ClusterLoad load;
    private TaskRequirements task;
    private UUID someHost;
    private List<PlacementFilter> filters;
    private SpreadScorer spread;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        List<UUID> services = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            services.add(new UUID(random.nextLong(), random.nextLong()));
        }
        List<InstanceLoad> loads = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            int cpus = CPUS[i % CPUS.length];
            Map<UUID, Integer> groups = new HashMap<>();
            for (int g = 0; g < SERVICES_PER_HOST; g++) {
                groups.merge(services.get(random.nextInt(services.size())), 1, Integer::sum);
            }
            int tasks = SERVICES_PER_HOST;
            // Each task reserves 1/80 of an average host: 40 tasks fill about half of it.
            loads.add(new InstanceLoad(new UUID(random.nextLong(), random.nextLong()), "sim-host-%05d".formatted(i),
                    i % 100 != 99, cpus * 1024, cpus * 4096, tasks * 57, tasks * 230, Set.of(), groups,
                    Map.of("zone", String.valueOf((char) ('a' + i % 3)))));
        }
        load = ClusterLoad.of(loads);
        someHost = loads.get(hosts / 2).id();
        task = new TaskRequirements(57, 230, Set.of(), services.get(7));
        scheduler = Scheduler.defaults();
        filters = List.of(new SchedulableFilter(), new CpuFilter(), new MemoryFilter(), new PortFilter());
        spread = new SpreadScorer();
    }

    /** One placement decision: filters over every host, spread scoring, the best host, the load after it. */
    @Benchmark
    public PlacementOutcome placeOne() {
        return scheduler.place(task, 1, load);
    }

    /** 100 identical tasks in one call (a service's launch): the time per task placed. */
    @Benchmark
    @OperationsPerInvocation(100)
    public PlacementOutcome placeHundred() {
        return scheduler.place(task, 100, load);
    }

    /**
     * 1,000 identical tasks in one call (a service of the simulated cluster's size): the time per task placed, with
     * the index built once per call (IndexedDecider) spread over the tasks.
     */
    @Benchmark
    @OperationsPerInvocation(1000)
    public PlacementOutcome placeThousand() {
        return scheduler.place(task, 1000, load);
    }

    /** Part of every placement: the immutable cluster load with one more task on one host. */
    @Benchmark
    public ClusterLoad loadWithOneTask() {
        return load.withTask(someHost, task);
    }

    /** Part of every placement: the default filters over every host. */
    @Benchmark
    public int filterEveryHost() {
        int feasible = 0;
        for (InstanceLoad instance : load.instances().values()) {
            boolean ok = true;
            for (PlacementFilter f : filters) {
                if (!f.accepts(task, instance)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                feasible++;
            }
        }
        return feasible;
    }

    /** Part of every placement: the spread score of every host, keeping the best. */
    @Benchmark
    public double scoreEveryHost() {
        double best = Double.NEGATIVE_INFINITY;
        for (InstanceLoad instance : load.instances().values()) {
            best = Math.max(best, spread.score(task, instance));
        }
        return best;
    }
}
