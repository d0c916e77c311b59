package io.berth.app.e2e;

import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the engine itself — not Berth, which may be dead — on a thread of its own, and counts the samples in which
 * a service breaks ECS's deployment bounds:
 * <ul>
 *   <li>a <b>violation</b>: more containers running than {@code desiredCount × maximumPercent / 100}, rounded down
 *       (and never below desiredCount). A container counts from the engine's "running" until it has exited: one that
 *       Berth is stopping still runs, still takes its share of the host, so it counts (ECS counts a task until it is
 *       STOPPED). Created-but-not-started and exited containers do not.</li>
 *   <li>a <b>loss</b>: fewer containers running <em>and healthy</em> (their Docker health check passes) than
 *       {@code desiredCount × minimumHealthyPercent / 100}, rounded up. Healthy containers of the old revision must
 *       only go when enough others are healthy; one that goes below the floor was lost.</li>
 * </ul>
 * Only services {@link #watch watched} are judged; a service is watched from when it has converged for the first time.
 */
final class RolloutBoundsSampler implements AutoCloseable {

    /** Bounds of one service, as Berth's rollout arithmetic must keep them. */
    record Bounds(int desired, int minimumHealthyPercent, int maximumPercent) {

        int maximumRunning() {
            return Math.max(desired, Math.floorDiv(desired * maximumPercent, 100));
        }

        int minimumHealthy() {
            return Math.ceilDiv(desired * minimumHealthyPercent, 100);
        }
    }

    /** The first few offending samples, to tell what happened when a count is not zero. */
    record Offence(Instant at, String service, String what, int running, int healthy, String phase) {
    }

    private static final int KEPT_OFFENCES = 20;

    private final DockerEngine docker;
    private final String label;
    private final Map<String, Bounds> watched = new ConcurrentHashMap<>();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong violations = new AtomicLong();
    private final AtomicLong losses = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final List<Offence> offences = Collections.synchronizedList(new ArrayList<>());
    private volatile String phase = "idle";
    private volatile boolean running = true;
    private final Thread thread;

    /** @param label the container label naming the service ({@code berth.service}) */
    RolloutBoundsSampler(DockerEngine docker, String label, Duration interval) {
        this.docker = docker;
        this.label = label;
        this.thread = Thread.ofPlatform().daemon().name("rollout-bounds-sampler").start(() -> {
            while (running) {
                sampleOnce();
                LockSupport.parkNanos(interval.toNanos());
            }
        });
    }

    void watch(String service, Bounds bounds) {
        watched.put(service, bounds);
    }

    /** What the suite is doing now (rollout, kill, down, restart, converge), recorded with an offence. */
    void phase(String phase) {
        this.phase = phase;
    }

    private void sampleOnce() {
        if (watched.isEmpty()) {
            return;
        }
        List<ContainerState> all;
        try {
            all = docker.list(Map.of("berth.managed", "true"));
        } catch (RuntimeException e) {
            errors.incrementAndGet(); // a sample the engine did not answer is no sample; counted, not judged
            return;
        }
        String now = phase;
        samples.incrementAndGet();
        watched.forEach((service, bounds) -> {
            List<ContainerState> mine = all.stream().filter(c -> service.equals(c.labels().get(label)))
                    .filter(ContainerState::running).toList();
            int runningCount = mine.size();
            int healthy = (int) mine.stream().filter(c -> c.health() == ContainerState.Health.HEALTHY).count();
            if (runningCount > bounds.maximumRunning()) {
                violations.incrementAndGet();
                offend(new Offence(Instant.now(), service, "running > " + bounds.maximumRunning(), runningCount, healthy, now));
            }
            if (healthy < bounds.minimumHealthy()) {
                losses.incrementAndGet();
                offend(new Offence(Instant.now(), service, "healthy < " + bounds.minimumHealthy(), runningCount, healthy, now));
            }
        });
    }

    private void offend(Offence o) {
        if (offences.size() < KEPT_OFFENCES) {
            offences.add(o);
        }
    }

    long samples() {
        return samples.get();
    }

    long violations() {
        return violations.get();
    }

    long losses() {
        return losses.get();
    }

    long errors() {
        return errors.get();
    }

    List<Offence> offences() {
        synchronized (offences) {
            return List.copyOf(offences);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
