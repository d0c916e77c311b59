package io.berth.reconciler.pass;

import io.berth.reconciler.hosts.InstanceHealth;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskOverrides;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.plan.ClientTokens;
import io.berth.reconciler.plan.RunTaskPlanner;
import io.berth.reconciler.schedule.Concurrency;
import io.berth.reconciler.schedule.Firing;
import io.berth.reconciler.schedule.FiringOutcome;
import io.berth.reconciler.schedule.FiringTokens;
import io.berth.reconciler.schedule.ScheduledTask;
import io.berth.reconciler.schedule.ScheduledTaskSpec;
import io.berth.reconciler.scheduler.Scheduler;
import io.berth.reconciler.scheduler.placement.Placement;
import io.berth.reconciler.store.ScheduledTaskStore;
import io.berth.reconciler.testing.InMemoryStateStore;
import io.berth.reconciler.testing.VirtualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.berth.reconciler.plan.Fixtures.CLUSTER;
import static io.berth.reconciler.plan.Fixtures.T0;
import static io.berth.reconciler.plan.Fixtures.container;
import static io.berth.reconciler.plan.Fixtures.id;
import static io.berth.reconciler.plan.Fixtures.instance;
import static io.berth.reconciler.plan.Fixtures.taskDef;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firing executor in virtual time over the in-memory store and the real run-task path: intent first, one task
 * set per firing however often it is tried (a pass again, a Berth that died between intent and start), Replace
 * stops the earlier run, Forbid records the skip, and a firing that cannot start records why.
 */
class ScheduledTaskPassTest {

    private static final UUID ID = new UUID(7, 7);
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final VirtualClock clock = new VirtualClock(T0);
    private final StandaloneTaskRunner runner = new StandaloneTaskRunner(store, new RunTaskPlanner(Scheduler.defaults()),
            new ClusterLocks(), new InstanceHealth(clock, Duration.ofSeconds(10)), clock);
    private final TaskDefinition job = taskDef("job", 1, 128, 128, container("main", true));
    private final FakeScheduledTasks scheduled = new FakeScheduledTasks();
    private final List<UUID> told = new ArrayList<>();
    private final ScheduledTaskPass pass = new ScheduledTaskPass(scheduled, store, runner, told::add, clock);

    @BeforeEach
    void oneInstance() {
        store.putTaskDefinition(job);
        store.putInstance(instance(id(1), 1024, 1024));
    }

    private void every10s(Concurrency concurrency) {
        scheduled.task = new ScheduledTask(ID, CLUSTER, "tick", new ScheduledTaskSpec("*/10 * * * * *", null, "job", 1,
                TaskOverrides.NONE, Placement.SERVICE_DEFAULT, concurrency, null, 3, 3, false), T0, null);
    }

    private UUID tokenId(Instant fireTime) {
        return ClientTokens.taskIds(CLUSTER, FiringTokens.token("tick", fireTime), 1).getFirst();
    }

    @Test
    void aDueFiringStartsItsTaskOnceUnderItsTokenAndSaysWhenToLookAgain() {
        every10s(Concurrency.ALLOW);
        clock.set(T0.plusSeconds(10).plusMillis(200));

        pass.reconcile();
        Optional<Duration> again = pass.reconcile();

        assertThat(store.allTasks()).extracting(Task::id).containsExactly(tokenId(T0.plusSeconds(10)));
        assertThat(store.allTasks().getFirst().family()).isEqualTo("job");
        assertThat(told).containsExactly(tokenId(T0.plusSeconds(10)));
        assertThat(scheduled.lastFire).isEqualTo(T0.plusSeconds(10));
        assertThat(scheduled.firings).singleElement().satisfies(f -> {
            assertThat(f.outcome()).isEqualTo(FiringOutcome.STARTED);
            assertThat(f.taskIds()).containsExactly(tokenId(T0.plusSeconds(10)));
        });
        assertThat(again).contains(Duration.ofMillis(9800));
        assertThat(scheduled.writes.getFirst().getLast().outcome()).as("intent written before the start")
                .isEqualTo(FiringOutcome.PENDING);
    }

    @Test
    void aFiringWhoseIntentWasWrittenIsStartedOnceOnTheNextPassEvenIfItsTasksWereWritten() {
        every10s(Concurrency.ALLOW);
        Instant fire = T0.plusSeconds(10);
        scheduled.lastFire = fire;
        scheduled.firings = new ArrayList<>(List.of(new Firing(fire, FiringOutcome.PENDING, null, List.of(), fire)));
        // The Berth that wrote the intent also started the tasks, then died before recording them.
        runner.run(CLUSTER, job, 1, TaskOverrides.NONE, Placement.SERVICE_DEFAULT, "schedule/tick", null,
                FiringTokens.token("tick", fire));
        clock.set(fire.plusSeconds(2));

        pass.reconcile();

        assertThat(store.allTasks()).extracting(Task::id).containsExactly(tokenId(fire));
        assertThat(scheduled.firings).singleElement().satisfies(f -> {
            assertThat(f.outcome()).isEqualTo(FiringOutcome.STARTED);
            assertThat(f.taskIds()).containsExactly(tokenId(fire));
        });
    }

    @Test
    void replaceStopsTheEarlierRunThenStartsTheNewOne() {
        every10s(Concurrency.REPLACE);
        clock.set(T0.plusSeconds(10));
        pass.reconcile();
        clock.set(T0.plusSeconds(20));

        pass.reconcile();

        Task first = store.tasks(List.of(tokenId(T0.plusSeconds(10)))).get(tokenId(T0.plusSeconds(10)));
        assertThat(first.desiredStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(first.stopCode()).isEqualTo(StopCode.ServiceSchedulerInitiated);
        assertThat(store.allTasks()).hasSize(2);
        assertThat(scheduled.firings).extracting(Firing::outcome)
                .containsExactly(FiringOutcome.STARTED, FiringOutcome.STARTED);
    }

    @Test
    void forbidRecordsTheSkipWhileTheEarlierRunGoesOn() {
        every10s(Concurrency.FORBID);
        clock.set(T0.plusSeconds(10));
        pass.reconcile();
        clock.set(T0.plusSeconds(20));

        pass.reconcile();

        assertThat(store.allTasks()).hasSize(1);
        assertThat(scheduled.lastFire).isEqualTo(T0.plusSeconds(20));
        assertThat(scheduled.firings).as("newest first").extracting(Firing::outcome)
                .containsExactly(FiringOutcome.SKIPPED, FiringOutcome.STARTED);
        assertThat(scheduled.firings.getFirst().reason()).contains("concurrency Forbid");
    }

    @Test
    void aFiringWithoutAnActiveTaskDefinitionIsRecordedAsFailed() {
        every10s(Concurrency.ALLOW);
        scheduled.activeTaskDefinition = false;
        clock.set(T0.plusSeconds(10));

        pass.reconcile();

        assertThat(store.allTasks()).isEmpty();
        assertThat(scheduled.firings).singleElement().satisfies(f -> {
            assertThat(f.outcome()).isEqualTo(FiringOutcome.FAILED);
            assertThat(f.reason()).contains("no ACTIVE task definition \"job\"");
        });
    }
    @Test
    void aPassLooksAtABoundedShareOfTheScheduledTasksAndTheNextGoesOnFromThere() {
        List<UUID> ids = List.of(new UUID(0, 5), new UUID(0, 1), new UUID(0, 4), new UUID(0, 2), new UUID(0, 3));
        List<UUID> looked = new ArrayList<>();
        ScheduledTaskStore many = new ScheduledTaskStore() {
            @Override
            public List<UUID> ids() {
                return ids;
            }

            @Override
            public Optional<Stored> get(UUID id) {
                looked.add(id);
                return Optional.empty();
            }

            @Override
            public boolean recordFirings(UUID id, Instant lastFire, List<Firing> firings) {
                return true;
            }

            @Override
            public Optional<TaskDefinition> activeTaskDefinition(String reference) {
                return Optional.empty();
            }
        };
        ScheduledTaskPass bounded = new ScheduledTaskPass(many, store, runner, told::add, clock, 2);

        List<Optional<Duration>> waits = List.of(bounded.reconcile(), bounded.reconcile(), bounded.reconcile(),
                bounded.reconcile());

        assertThat(looked).extracting(UUID::getLeastSignificantBits).containsExactly(1L, 2L, 3L, 4L, 5L, 1L, 2L);
        assertThat(waits).as("soon while some are left, then the usual wait").containsExactly(
                Optional.of(ScheduledTaskPass.SOON), Optional.of(ScheduledTaskPass.SOON),
                Optional.of(ScheduledTaskPass.MAX_WAIT), Optional.of(ScheduledTaskPass.SOON));
    }

    /** One scheduled task, stored in memory; every write of the firings is kept, in order. */
    private final class FakeScheduledTasks implements ScheduledTaskStore {
        ScheduledTask task;
        Instant lastFire;
        List<Firing> firings = new ArrayList<>();
        final List<List<Firing>> writes = new ArrayList<>();
        boolean activeTaskDefinition = true;

        @Override
        public List<UUID> ids() {
            return task == null ? List.of() : List.of(task.id());
        }

        @Override
        public Optional<Stored> get(UUID id) {
            return Optional.of(new Stored(new ScheduledTask(task.id(), task.cluster(), task.name(), task.spec(),
                    task.createdAt(), lastFire), firings));
        }

        @Override
        public boolean recordFirings(UUID id, Instant last, List<Firing> kept) {
            lastFire = last;
            firings = new ArrayList<>(kept);
            writes.add(List.copyOf(kept));
            return true;
        }

        @Override
        public Optional<TaskDefinition> activeTaskDefinition(String reference) {
            return activeTaskDefinition ? Optional.of(job) : Optional.empty();
        }
    }
}
