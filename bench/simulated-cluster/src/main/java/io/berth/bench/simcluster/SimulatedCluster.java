package io.berth.bench.simcluster;

import io.berth.db.model.ClusterEntity;
import io.berth.db.model.DeploymentEntity;
import io.berth.db.model.DeploymentTrigger;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.TaskDefinitionEntity;
import io.berth.db.model.TaskDefinitionId;
import io.berth.db.repository.ClusterRepository;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.db.repository.DeploymentRepository;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ServiceSpec;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskReservation;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.scheduler.ClusterLoad;
import io.berth.reconciler.scheduler.ClusterLoadBuilder;
import io.berth.reconciler.scheduler.PlacementOutcome;
import io.berth.reconciler.scheduler.Scheduler;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.TaskRequirements;
import io.berth.reconciler.store.ServiceSpecJson;
import io.berth.reconciler.store.SpecJson;
import io.berth.reconciler.store.StateStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One benchmark run: registers the simulated hosts and the services in a fresh cluster, then for each service
 * places its tasks with Berth's {@link Scheduler} and writes them with {@link StateStore#placeTasks} (claiming the
 * instances at the placement versions read, the task rows, the instances' remaining resources) — the two steps of a
 * reconciler pass that launches (decide, then write the intent) — and finally audits the database.
 *
 * <p>Like the planner within one pass, each placement sees the reservations of the previous ones by carrying the
 * scheduler's {@code outcome.after()} load forward; the reconciler instead re-reads the cluster from the database at
 * the start of every pass. What that read costs at this size is measured once at the end ({@code reload}), through the
 * same store and {@link ClusterLoadBuilder} code, and its result must equal the load the run carried.
 */
final class SimulatedCluster {

    /** The stored state the run goes through: production repositories and the production {@link StateStore}. */
    record Storage(StateStore store, ClusterRepository clusters, TaskDefinitionRepository taskDefinitions,
                   ServiceRepository services, DeploymentRepository deployments, ContainerInstanceRepository instances,
                   TransactionTemplate tx, JdbcTemplate jdbc) {
    }

    /** A service of the run: its tasks are stored with its name and PRIMARY deployment, as the reconciler's are. */
    record SeededService(UUID id, String name, UUID deploymentId, int count) {
    }

    /** Share of the ACTIVE hosts' CPU and memory the tasks reserve once all are placed. */
    static final double TARGET_FILL = 0.70;

    private final Storage storage;
    private final Scheduler scheduler;
    private final Clock clock;
    private final PrintStream progress;

    SimulatedCluster(Storage storage, Scheduler scheduler, Clock clock, PrintStream progress) {
        this.storage = storage;
        this.scheduler = scheduler;
        this.clock = clock;
        this.progress = progress;
    }

    RunResult run(BenchmarkOptions options) {
        String cluster = "sim-" + UUID.randomUUID().toString().substring(0, 8);
        long setupStart = System.nanoTime();
        TaskDefinitionSpec spec = taskSpec(options);
        List<SeededService> services = seed(cluster, options, spec);
        Map<UUID, Integer> expected = new LinkedHashMap<>();
        services.forEach(sv -> expected.put(sv.id(), sv.count()));
        List<ContainerInstance> registered = storage.store().instances().stream()
                .filter(i -> i.cluster().equals(cluster)).toList();
        Map<UUID, Long> placementVersions = new HashMap<>();
        registered.forEach(i -> placementVersions.put(i.id(), i.placementVersion()));
        ClusterLoad load = ClusterLoadBuilder.fromReservations(registered, storage.store().reservations(cluster), arn -> spec);
        long setupNanos = System.nanoTime() - setupStart;

        PeakMemory memory = new PeakMemory();
        memory.reset();
        long placementNanos = 0;
        long persistenceNanos = 0;
        long placed = 0;
        int unplaced = 0;
        String unplacedWhy = null;
        long nextReport = Math.max(1, options.tasks() / 10);
        long loopStart = System.nanoTime();
        for (SeededService service : services) {
            long t0 = System.nanoTime();
            PlacementOutcome outcome = scheduler.place(TaskRequirements.of(spec, service.id()), service.count(), load);
            long t1 = System.nanoTime();
            List<Task> tasks = newTasks(cluster, service, spec, outcome);
            storage.store().placeTasks(tasks, placementVersions);
            // each target's placement version moved on by one: what the next pass would read
            tasks.stream().map(Task::instanceId).distinct().forEach(id -> placementVersions.merge(id, 1L, Long::sum));
            long t2 = System.nanoTime();
            placementNanos += t1 - t0;
            persistenceNanos += t2 - t1;
            load = outcome.after();
            placed += tasks.size();
            if (outcome.unplaced() > 0) {
                unplaced += outcome.unplaced();
                if (unplacedWhy == null) {
                    unplacedWhy = outcome.explanation().describe();
                }
            }
            if (placed >= nextReport) {
                progress.printf("  %,d / %,d tasks placed and stored after %.1f s%n", placed, options.tasks(),
                        (System.nanoTime() - loopStart) / 1e9);
                nextReport += Math.max(1, options.tasks() / 10);
            }
        }
        long loopNanos = System.nanoTime() - loopStart;
        PeakMemory.Peaks peaks = memory.read();

        long auditStart = System.nanoTime();
        PlacementAudit.Result audit = new PlacementAudit(storage.jdbc()).check(cluster, expected, spec.containers().size());
        long auditNanos = System.nanoTime() - auditStart;

        Reload reload = options.reload() ? reload(cluster, spec, load) : null;
        List<String> problems = new ArrayList<>(audit.problems());
        if (unplaced > 0) {
            problems.add(0, "%,d tasks could not be placed: %s".formatted(unplaced, unplacedWhy));
        }
        if (reload != null && reload.mismatches() > 0) {
            problems.add("the load read back from the database differs from the scheduler's on %d hosts"
                    .formatted(reload.mismatches()));
        }
        return new RunResult(cluster, options, spec.reservedCpu(), spec.reservedMemory(), setupNanos, loopNanos,
                placementNanos, persistenceNanos, peaks, audit, auditNanos, reload, problems);
    }

    /** What the reconciler reads at the start of a pass: all instances and the reservations of the cluster's tasks. */
    record Reload(long nanos, int tasksRead, int mismatches) {
    }

    private Reload reload(String cluster, TaskDefinitionSpec spec, ClusterLoad carried) {
        long start = System.nanoTime();
        List<ContainerInstance> instances = storage.store().instances().stream()
                .filter(i -> i.cluster().equals(cluster)).toList();
        List<TaskReservation> active = storage.store().reservations(cluster);
        ClusterLoad read = ClusterLoadBuilder.fromReservations(instances, active, arn -> spec);
        long nanos = System.nanoTime() - start;
        int mismatches = 0;
        for (InstanceLoad c : carried.instances().values()) {
            InstanceLoad r = read.instances().get(c.id());
            if (r == null || r.usedCpu() != c.usedCpu() || r.usedMemory() != c.usedMemory()
                    || r.totalTasks() != c.totalTasks() || !r.tasksByGroup().equals(c.tasksByGroup())) {
                mismatches++;
            }
        }
        return new Reload(nanos, active.size(), mismatches);
    }

    /**
     * One container per task (busybox httpd, as the other benchmarks), sized so that all tasks together reserve
     * {@link #TARGET_FILL} of the ACTIVE hosts (unless the options fix the size): the small hosts fill up and the
     * filters start rejecting them.
     */
    static TaskDefinitionSpec taskSpec(BenchmarkOptions options) {
        long[] capacity = SimulatedHosts.schedulableCapacity(options.hosts());
        int cpu = options.taskCpu() > 0 ? options.taskCpu()
                : (int) Math.max(1, Math.floor(capacity[0] * TARGET_FILL / options.tasks()));
        int memory = options.taskMemory() > 0 ? options.taskMemory()
                : (int) Math.max(1, Math.floor(capacity[1] * TARGET_FILL / options.tasks()));
        ContainerDefinition web = new ContainerDefinition("web", "busybox:1.36", List.of("httpd", "-f", "-p", "8080"),
                null, null, cpu, memory, null, true, null, null);
        return new TaskDefinitionSpec(List.of(web), null, null);
    }

    /** Cluster, task definition, hosts, and the services with their PRIMARY deployments. */
    private List<SeededService> seed(String cluster, BenchmarkOptions options, TaskDefinitionSpec spec) {
        Instant now = clock.instant();
        SpecJson specJson = new SpecJson();
        ServiceSpecJson serviceJson = new ServiceSpecJson();
        TaskDefinitionId td = new TaskDefinitionId(cluster, 1);
        String ref = td.family() + ":" + td.revision();
        storage.tx().executeWithoutResult(s -> {
            storage.clusters().save(new ClusterEntity(cluster));
            storage.taskDefinitions().save(new TaskDefinitionEntity(td.family(), td.revision(), specJson.toJson(spec),
                    specJson.hash(spec)));
        });
        new SimulatedHosts().register(cluster, options.hosts(), storage.instances(), storage.tx(), now);
        List<ServiceEntity> rows = new ArrayList<>();
        List<DeploymentEntity> deployments = new ArrayList<>();
        List<SeededService> services = new ArrayList<>();
        int left = options.tasks();
        for (int i = 0; left > 0; i++) {
            int count = Math.min(left, options.tasksPerService());
            left -= count;
            ServiceEntity service = new ServiceEntity(cluster, "svc-%05d".formatted(i), ref, td, count,
                    serviceJson.toJson(new ServiceSpec(ref, count)));
            DeploymentEntity deployment = new DeploymentEntity(service.getId(), td, DeploymentTrigger.CREATED, count, now);
            rows.add(service);
            deployments.add(deployment);
            services.add(new SeededService(service.getId(), service.getName(), deployment.getId(), count));
        }
        storage.tx().executeWithoutResult(s -> {
            storage.services().saveAll(rows);
            storage.services().flush(); // deployments reference the services
            storage.deployments().saveAll(deployments);
        });
        return services;
    }

    /** The rows a launch writes before any Docker call, as the service reconciler builds them. */
    private List<Task> newTasks(String cluster, SeededService service, TaskDefinitionSpec spec, PlacementOutcome outcome) {
        Instant now = clock.instant();
        List<TaskContainer> containers = spec.containers().stream().map(c -> TaskContainer.pending(c.name())).toList();
        List<Task> tasks = new ArrayList<>(outcome.placements().size());
        for (UUID instance : outcome.placements()) {
            tasks.add(new Task(UUID.randomUUID(), cluster, service.id(), service.name(), cluster, 1, instance,
                    TaskStatus.RUNNING, TaskStatus.PROVISIONING, null, null, spec.reservedCpu(), spec.reservedMemory(),
                    containers, now, null, null, service.deploymentId()));
        }
        return tasks;
    }
}
