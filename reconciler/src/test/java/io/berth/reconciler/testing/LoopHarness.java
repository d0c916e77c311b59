package io.berth.reconciler.testing;

import io.berth.reconciler.model.ContainerInstance;
import io.berth.docker.FakeDockerEngine;
import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.hosts.ExitHints;
import io.berth.reconciler.hosts.InstanceHealth;
import io.berth.reconciler.pass.PlanObserver;
import io.berth.reconciler.pass.PassEnvironment;
import io.berth.reconciler.taskwork.ExecutorSettings;
import io.berth.reconciler.pass.InstancePass;
import io.berth.reconciler.pass.ServicePass;
import io.berth.reconciler.pass.ClusterLocks;
import io.berth.reconciler.pass.OneOffTaskPass;
import io.berth.reconciler.pass.StandaloneTaskRunner;
import io.berth.reconciler.pass.TaskRecordRetention;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskOverrides;
import io.berth.reconciler.plan.RunTaskPlan;
import io.berth.reconciler.plan.RunTaskPlanner;
import io.berth.reconciler.loop.ControlLoop;
import io.berth.reconciler.loop.EngineWatcher;
import io.berth.reconciler.loop.ReconcileKey;
import io.berth.reconciler.loop.Reconcilers;
import io.berth.reconciler.loop.WorkQueue;
import io.berth.reconciler.plan.PlannerSettings;
import io.berth.reconciler.plan.ServicePlanner;
import io.berth.reconciler.scheduler.Scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The real control loop — queue, passes, planner, executor — over a {@link FakeDockerEngine} and an
 * {@link InMemoryStateStore}, driven on the test's thread in virtual time. A "restart" builds a new loop
 * over the same store and engines, as a restarted Berth would find them.
 */
public final class LoopHarness {

    public static final Duration RESYNC = Duration.ofSeconds(10);
    public static final Duration HOST_LOST_GRACE = Duration.ofSeconds(10);
    public static final UUID INSTALLATION = UUID.fromString("00000000-0000-0000-0000-0000000000b1");

    public static final Duration CONTAINER_RETENTION = Duration.ofMinutes(10);
    public static final Duration RECORD_RETENTION = Duration.ofHours(1);

    public final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    public final InMemoryStateStore store;
    /** Deny-all and no credentials until a test says otherwise. */
    public final InMemoryClusterSettings clusterSettings = new InMemoryClusterSettings();
    private final EngineRegistry engines = new EngineRegistry();
    private WorkQueue<ReconcileKey> queue;
    private ControlLoop loop;
    private EngineWatcher watcher;
    private int passes;
    private StandaloneTaskRunner runner;
    private Runnable afterEachPass = () -> {
    };

    public LoopHarness(InMemoryStateStore store) {
        this.store = store;
        build();
    }

    /** The usual scenario cluster: one ACTIVE host of 2048 CPU units and 4096 MiB in cluster "default". */
    public static LoopHarness withOneHost(InMemoryStateStore store, UUID instanceId, FakeDockerEngine engine) {
        store.putInstance(new ContainerInstance(instanceId, "default", "unix:///fake.sock", "E1", "host-a",
                ContainerInstance.InstanceStatus.ACTIVE, true, null, 2048, 4096, java.util.Map.of()));
        LoopHarness harness = new LoopHarness(store);
        harness.register(instanceId, engine);
        return harness;
    }

    public void register(UUID instanceId, FakeDockerEngine engine) {
        engines.register(instanceId, engine.withClock(clock));
    }

    /** What the load balancers report about services' tasks (none by default): tests set it, then enqueue the service. */
    public volatile io.berth.reconciler.pass.LoadBalancerHealthSource loadBalancerHealth =
            io.berth.reconciler.pass.LoadBalancerHealthSource.NONE;

    /** A new loop over the same store and engines, as after a SIGKILL of Berth. */
    public void restart() {
        watcher.close();
        build();
    }

    private void build() {
        queue = new WorkQueue<>(clock);
        ExitHints exits = new ExitHints(clock);
        watcher = new EngineWatcher(queue, INSTALLATION, exits);
        ExecutorSettings settings = new ExecutorSettings(io.berth.docker.PullPolicy.DEFAULT, Duration.ofSeconds(10), INSTALLATION,
                clusterSettings);
        InstanceHealth health = new InstanceHealth(clock, HOST_LOST_GRACE);
        ClusterLocks locks = new ClusterLocks();
        PassEnvironment env = new PassEnvironment(store, engines, settings, exits, health, locks, clock, Runnable::run);
        ServicePass services = new ServicePass(env, new ServicePlanner(Scheduler.defaults(), PlannerSettings.defaults()),
                PlanObserver.NONE);
        services.useLoadBalancerHealth((service, tasks) -> loadBalancerHealth.facts(service, tasks));
        InstancePass instances = new InstancePass(store, engines, clock, CONTAINER_RETENTION,
                Duration.ofSeconds(10), INSTALLATION, health);
        OneOffTaskPass standalone = new OneOffTaskPass(env);
        runner = new StandaloneTaskRunner(store, new RunTaskPlanner(Scheduler.defaults()), locks, health, clock);
        loop = new ControlLoop(queue, new Reconcilers(services, standalone,
                new TaskRecordRetention(store, clock, RECORD_RETENTION), instances, watcher, engines, store, queue,
                RESYNC, health, Duration.ofSeconds(2)));
        queue.add(new ReconcileKey.Resync());
    }

    /** run-task as the API does it: place and record, then tell the loop about each new task. */
    public RunTaskPlan runTask(TaskDefinition td, int count, TaskOverrides overrides, String startedBy, String group) {
        store.putTaskDefinition(td);
        RunTaskPlan plan = runner.run("default", td, count, overrides, startedBy, group);
        plan.tasks().forEach(t -> queue.add(new ReconcileKey.TaskKey(t.id())));
        return plan;
    }

    /** stop-task as the API does it: desired STOPPED (the first reason is kept), then tell the loop. */
    public void stopTask(UUID taskId, String reason) {
        store.requestStop(taskId, io.berth.reconciler.model.StopCode.UserInitiated, reason, clock.instant());
        queue.add(new ReconcileKey.TaskKey(taskId));
    }

    public void enqueueService(UUID serviceId) {
        queue.add(new ReconcileKey.ServiceKey(serviceId));
    }

    /** Runs every key that is ready now, and those they make ready, without moving the clock. */
    public int runUntilIdle() {
        int ran = 0;
        Optional<ReconcileKey> key;
        while ((key = queue.poll(clock.instant())).isPresent()) {
            loop.process(key.get());
            afterEachPass.run();
            ran++;
            passes++;
            if (ran > 10_000) {
                throw new AssertionError("loop does not settle: over 10,000 passes without advancing time");
            }
        }
        return ran;
    }

    /** Advances virtual time in steps to each due delayed key (or by {@code step}), running what becomes ready. */
    public void runFor(Duration total, Duration step) {
        Instant end = clock.instant().plus(total);
        runUntilIdle();
        while (clock.instant().isBefore(end)) {
            Instant next = clock.instant().plus(step);
            Optional<Instant> due = queue.nextDue();
            if (due.isPresent() && due.get().isBefore(next)) {
                next = due.get();
            }
            if (next.isAfter(end)) {
                next = end;
            }
            clock.set(next);
            runUntilIdle();
        }
    }

    /** Runs {@code check} after every single pass, e.g. to assert an invariant at every step of a rollout. */
    public void afterEachPass(Runnable check) {
        this.afterEachPass = check;
    }

    public int passes() {
        return passes;
    }
}
