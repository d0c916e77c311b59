package io.berth.reconciler.sampling;

import io.berth.docker.ContainerSpec;
import io.berth.docker.ContainerStats;
import io.berth.docker.FakeDockerEngine;
import io.berth.reconciler.metrics.TaskMetricsWindows;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounds of a sampling round, over the fake engine (no real engine is needed to count calls). */
class TaskStatsSamplerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong cpu = new AtomicLong();
    private final FakeDockerEngine hostA = new FakeDockerEngine("a");
    private final FakeDockerEngine hostB = new FakeDockerEngine("b");
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID service = UUID.randomUUID();
    private final List<Task> tasks = new ArrayList<>();
    private final TaskMetricsWindows windows = new TaskMetricsWindows(Duration.ofSeconds(60), 10);

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    private void runTasks(FakeDockerEngine engine, UUID host, int n) {
        for (int i = 0; i < n; i++) {
            String id = engine.create(new ContainerSpec("c" + UUID.randomUUID(), "busybox:1.36", List.of(), List.of(),
                    Map.of(), Map.of(), 0, 0, 0, List.of(), null, false, null));
            engine.start(id);
            tasks.add(new Task(UUID.randomUUID(), "default", service, "web", "web", 1, host, TaskStatus.RUNNING,
                    TaskStatus.RUNNING, null, null, 256, 128,
                    List.of(new TaskContainer("app", id, TaskStatus.RUNNING, null, null, List.of())), T0, T0, null));
        }
    }

    private TaskStatsSampler sampler(SamplingSettings settings, Clock clock) {
        return new TaskStatsSampler(() -> tasks, id -> id.equals(a) ? Optional.of(hostA)
                : id.equals(b) ? Optional.of(hostB) : Optional.empty(), windows, io, settings, clock);
    }

    @Test
    void asksNoHostForMoreThanItsBoundAndReadsEveryTaskInTurn() {
        runTasks(hostA, a, 25);
        runTasks(hostB, b, 3);
        Set<UUID> seen = new HashSet<>();
        hostA.useStats((id, now) -> new ContainerStats(now, 0, 2, 1 << 20, 0));
        TaskStatsSampler sampler = sampler(new SamplingSettings(10, 1000, 4, Duration.ofSeconds(1), Duration.ofSeconds(5)),
                Clock.fixed(T0, ZoneOffset.UTC));

        for (int round = 1; round <= 3; round++) {
            SamplingRound r = sampler.sampleOnce();
            assertThat(hostA.count(FakeDockerEngine.Op.STATS)).isEqualTo(10 * round);
            assertThat(hostB.count(FakeDockerEngine.Op.STATS)).isEqualTo(3 * round);
            assertThat(r.asked()).isEqualTo(13);
            assertThat(r.read()).isEqualTo(13);
            windows.tasks(T0.plusSeconds(1)).forEach(t -> seen.add(t.taskId()));
        }
        // 25 tasks, 10 a round: three rounds read every one of them
        assertThat(seen).hasSize(28);
    }

    @Test
    void theRoundBoundHoldsAcrossHosts() {
        runTasks(hostA, a, 20);
        runTasks(hostB, b, 20);
        SamplingRound r = sampler(new SamplingSettings(15, 25, 4, Duration.ofSeconds(1), Duration.ofSeconds(5)),
                Clock.fixed(T0, ZoneOffset.UTC)).sampleOnce();

        assertThat(r.asked()).isEqualTo(25);
        assertThat(hostA.count(FakeDockerEngine.Op.STATS) + hostB.count(FakeDockerEngine.Op.STATS)).isEqualTo(25);
        assertThat(hostA.count(FakeDockerEngine.Op.STATS)).isLessThanOrEqualTo(15);
        assertThat(hostB.count(FakeDockerEngine.Op.STATS)).isLessThanOrEqualTo(15);
    }

    @Test
    void anUnreachableHostFailsItsReadingsNotTheRound() {
        runTasks(hostA, a, 2);
        runTasks(hostB, b, 2);
        hostB.setReachable(false);
        SamplingRound r = sampler(SamplingSettings.DEFAULTS, Clock.fixed(T0, ZoneOffset.UTC)).sampleOnce();

        assertThat(r.read()).isEqualTo(2);
        assertThat(r.failed()).isEqualTo(2);
    }

    @Test
    void tasksThatStoppedLoseTheirWindowAndStoppedOnesAreNotAsked() {
        runTasks(hostA, a, 2);
        TaskStatsSampler sampler = sampler(SamplingSettings.DEFAULTS, Clock.fixed(T0, ZoneOffset.UTC));
        sampler.sampleOnce();
        Task gone = tasks.removeFirst();
        Task stopping = tasks.getFirst();
        tasks.set(0, new Task(stopping.id(), stopping.cluster(), stopping.serviceId(), stopping.serviceName(),
                stopping.family(), stopping.revision(), stopping.instanceId(), TaskStatus.STOPPED, TaskStatus.RUNNING,
                null, null, 256, 128, stopping.containers(), T0, T0, null));

        SamplingRound r = sampler.sampleOnce();

        assertThat(r.asked()).isZero();
        assertThat(windows.task(gone.id(), T0)).isEmpty();
        assertThat(windows.task(stopping.id(), T0)).isEmpty();
    }

    @Test
    void twoReadingsGiveTheCpuShareOfTheReservation() {
        runTasks(hostA, a, 1);
        // half a core (0.5 s of CPU per s) against 256 units (a quarter core) = 200 %
        hostA.useStats((id, now) -> new ContainerStats(now, cpu.get(), 2, 64L << 20, 0));
        MutableClock clock = new MutableClock(T0);
        hostA.withClock(clock);
        TaskStatsSampler sampler = sampler(SamplingSettings.DEFAULTS, clock);
        sampler.sampleOnce();
        clock.now = T0.plusSeconds(10);
        cpu.set(5_000_000_000L);
        sampler.sampleOnce();

        var u = windows.service(service, T0.plusSeconds(10));
        assertThat(u.cpuPercent()).isCloseTo(200.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(u.memoryPercent()).isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.001)); // 64 of 128 MiB
        assertThat(u.samples()).isEqualTo(2);
    }

    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
