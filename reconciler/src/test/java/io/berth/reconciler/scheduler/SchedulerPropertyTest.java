package io.berth.reconciler.scheduler;

import io.berth.reconciler.model.HostPort;
import io.berth.reconciler.scheduler.filters.CpuFilter;
import io.berth.reconciler.scheduler.filters.MemoryFilter;
import io.berth.reconciler.scheduler.filters.PortFilter;
import io.berth.reconciler.scheduler.filters.SchedulableFilter;
import io.berth.reconciler.scheduler.scorers.BinpackScorer;
import io.berth.reconciler.scheduler.scorers.SpreadScorer;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.PlacementFilter;
import io.berth.reconciler.scheduler.spi.TaskRequirements;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random clusters and tasks: whatever {@link Scheduler#place} decides must be allowed by the filters, checked here
 * independently of the scheduler's own code by replaying the reservations.
 */
class SchedulerPropertyTest {

    static final UUID GROUP = UUID.fromString("5e000000-0000-0000-0000-000000000001");
    static final List<HostPort> PORTS = List.of(new HostPort(80, "tcp"), new HostPort(8080, "tcp"),
            new HostPort(8080, "udp"), new HostPort(53, "udp"));

    @Provide
    Arbitrary<List<InstanceLoad>> clusters() {
        Arbitrary<InstanceLoad> instance = Combinators.combine(
                Arbitraries.integers().between(1, 10).map(n -> n <= 8),   // 80 % schedulable
                Arbitraries.integers().between(0, 8192),
                Arbitraries.integers().between(0, 16384),
                Arbitraries.integers().between(-10, 110),   // % of CPU already used (may be overcommitted)
                Arbitraries.integers().between(-10, 110),   // % of memory already used
                Arbitraries.subsetOf(PORTS),
                Arbitraries.integers().between(0, 4),       // tasks of GROUP already there
                Arbitraries.integers().between(0, 4))       // tasks of another group
                .as((sched, cpu, mem, cpuPct, memPct, ports, mine, others) -> {
                    Map<UUID, Integer> groups = new HashMap<>();
                    if (mine > 0) {
                        groups.put(GROUP, mine);
                    }
                    if (others > 0) {
                        groups.put(new UUID(1, 1), others);
                    }
                    return new InstanceLoad(null, "h", sched, cpu, mem, Math.max(0, cpu * cpuPct / 100),
                            Math.max(0, mem * memPct / 100), ports, groups, Map.of());
                });
        return instance.list().ofMinSize(1).ofMaxSize(20).map(list -> {
            List<InstanceLoad> withIds = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                InstanceLoad l = list.get(i);
                // ids deliberately not in listing order
                UUID id = new UUID(0, (i * 37L + 11) % 101);
                withIds.add(new InstanceLoad(id, "host-" + i, l.schedulable(), l.registeredCpu(), l.registeredMemory(),
                        l.usedCpu(), l.usedMemory(), l.usedPorts(), l.tasksByGroup(), l.attributes()));
            }
            return withIds;
        });
    }

    @Provide
    Arbitrary<TaskRequirements> tasks() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 2048),
                Arbitraries.integers().between(0, 4096),
                Arbitraries.subsetOf(PORTS).map(s -> s.size() > 2 ? Set.<HostPort>of() : s),
                Arbitraries.of(true, false))
                .as((cpu, mem, ports, grouped) -> new TaskRequirements(cpu, mem, ports, grouped ? GROUP : null));
    }

    @Provide
    Arbitrary<Scheduler> schedulers() {
        List<PlacementFilter> filters = List.of(new SchedulableFilter(), new CpuFilter(), new MemoryFilter(), new PortFilter());
        return Arbitraries.of(
                Scheduler.defaults(),
                new Scheduler(filters, List.of(new BinpackScorer(BinpackScorer.Field.MEMORY))),
                new Scheduler(filters, List.of(new BinpackScorer(BinpackScorer.Field.CPU), new SpreadScorer())));
    }

    /** The rules, written out here rather than borrowed from the filters. */
    static List<String> whyNot(TaskRequirements t, Replayed i) {
        List<String> why = new ArrayList<>();
        if (!i.schedulable) {
            why.add("not schedulable");
        }
        if (i.registeredCpu - i.usedCpu < t.cpu()) {
            why.add("cpu: free " + (i.registeredCpu - i.usedCpu) + " < " + t.cpu());
        }
        if (i.registeredMemory - i.usedMemory < t.memory()) {
            why.add("memory: free " + (i.registeredMemory - i.usedMemory) + " < " + t.memory());
        }
        for (HostPort p : t.fixedPorts()) {
            if (i.ports.contains(p)) {
                why.add("port " + p + " taken");
            }
        }
        return why;
    }

    /** Our own bookkeeping of an instance while replaying placements. */
    static final class Replayed {
        final boolean schedulable;
        final int registeredCpu;
        final int registeredMemory;
        int usedCpu;
        int usedMemory;
        final Set<HostPort> ports;
        int ofGroup;

        Replayed(InstanceLoad l) {
            schedulable = l.schedulable();
            registeredCpu = l.registeredCpu();
            registeredMemory = l.registeredMemory();
            usedCpu = l.usedCpu();
            usedMemory = l.usedMemory();
            ports = new HashSet<>(l.usedPorts());
            ofGroup = l.tasksByGroup().getOrDefault(GROUP, 0);
        }
    }

    @Property(tries = 1000)
    void everyPlacementSatisfiesTheFiltersAndUnplacedMeansNoRoomLeft(
            @ForAll("clusters") List<InstanceLoad> instances,
            @ForAll("tasks") TaskRequirements task,
            @ForAll @IntRange(min = 0, max = 30) int count,
            @ForAll("schedulers") Scheduler scheduler) {
        ClusterLoad load = ClusterLoad.of(instances);
        PlacementOutcome out = scheduler.place(task, count, load);

        List<String> violations = new ArrayList<>();
        if (out.placements().size() > count) {
            violations.add("%d placements for %d tasks".formatted(out.placements().size(), count));
        }
        if (out.placements().size() + out.unplaced() != count) {
            violations.add("placed %d + unplaced %d != requested %d".formatted(out.placements().size(), out.unplaced(), count));
        }

        Map<UUID, Replayed> replay = new LinkedHashMap<>();
        instances.forEach(i -> replay.put(i.id(), new Replayed(i)));
        for (int n = 0; n < out.placements().size(); n++) {
            UUID at = out.placements().get(n);
            Replayed r = replay.get(at);
            if (r == null) {
                violations.add("placement #%d on unknown instance %s".formatted(n, at));
                continue;
            }
            List<String> why = whyNot(task, r);
            if (!why.isEmpty()) {
                violations.add("placement #%d on %s violates %s".formatted(n, at, why));
            }
            r.usedCpu += task.cpu();
            r.usedMemory += task.memory();
            r.ports.addAll(task.fixedPorts());
            if (task.group() != null) {
                r.ofGroup++;
            }
        }

        // the returned "after" load is exactly the replayed one
        for (InstanceLoad a : out.after().instances().values()) {
            Replayed r = replay.get(a.id());
            if (a.usedCpu() != r.usedCpu || a.usedMemory() != r.usedMemory || !a.usedPorts().equals(r.ports)
                    || a.tasksOf(GROUP) != r.ofGroup) {
                violations.add("after-load of %s differs from replay: %s".formatted(a.id(), a));
            }
        }
        if (out.after().instances().size() != instances.size()) {
            violations.add("after-load lost or gained instances");
        }

        if (out.unplaced() > 0) {
            replay.forEach((id, r) -> {
                if (whyNot(task, r).isEmpty()) {
                    violations.add("%d unplaced, yet %s could take the task".formatted(out.unplaced(), id));
                }
            });
            if (out.explanation() == null) {
                violations.add("unplaced without explanation");
            } else {
                int rejected = out.explanation().rejections().stream().mapToInt(PlacementExplanation.Rejection::instances).sum();
                if (rejected != instances.size() || out.explanation().instancesChecked() != instances.size()) {
                    violations.add("explanation does not account for every instance: " + out.explanation().describe());
                }
            }
        } else if (out.explanation() != null) {
            violations.add("explanation although everything was placed");
        }

        assertThat(violations).as("task %s ×%d on %s", task, count, instances).isEmpty();
    }

    @Property(tries = 300)
    void spreadNeverPicksAnInstanceWithMoreTasksOfTheGroupThanAnotherFeasibleOne(
            @ForAll("clusters") List<InstanceLoad> instances,
            @ForAll("tasks") TaskRequirements anyTask) {
        TaskRequirements task = new TaskRequirements(anyTask.cpu(), anyTask.memory(), anyTask.fixedPorts(), GROUP);
        PlacementOutcome out = Scheduler.defaults().place(task, 1, ClusterLoad.of(instances));
        if (out.placements().isEmpty()) {
            return;
        }
        UUID chosen = out.placements().getFirst();
        InstanceLoad chosenLoad = instances.stream().filter(i -> i.id().equals(chosen)).findFirst().orElseThrow();
        int chosenCount = chosenLoad.tasksOf(GROUP);
        int chosenTotal = chosenLoad.totalTasks();
        // ties on the group's count go to fewer tasks of any group, then to the lower id
        List<String> better = instances.stream()
                .filter(i -> whyNot(task, new Replayed(i)).isEmpty())
                .filter(i -> i.tasksOf(GROUP) < chosenCount
                        || (i.tasksOf(GROUP) == chosenCount && i.totalTasks() < chosenTotal)
                        || (i.tasksOf(GROUP) == chosenCount && i.totalTasks() == chosenTotal
                            && i.id().compareTo(chosen) < 0))
                .map(i -> i.id() + " with " + i.tasksOf(GROUP))
                .toList();
        assertThat(better).as("chose %s with %d tasks of the group", chosen, chosenCount).isEmpty();
    }
}
