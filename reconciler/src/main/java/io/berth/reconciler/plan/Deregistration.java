package io.berth.reconciler.plan;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ObservedContainer;
import io.berth.reconciler.model.ServiceLoadBalancer;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskDrain;
import io.berth.reconciler.model.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a task being stopped still waits for its load balancers to drain it (ELBv2's deregistration delay), and
 * until when. Pure: {@code (registration, stored drain facts, delay, now) -> hold until | stop now}.
 *
 * <p>A stop is held back while the task is registered and not yet drained, and released at the first of:
 * <ul>
 *   <li>{@code drainedAt} is stored (every HAProxy that carried it stopped sending it requests and has none of
 *       them in flight: ELB ends draining early the same way);</li>
 *   <li>{@code deregisteredAt + deregistrationDelay} (the delay counts from the deregistration, as in ELB);</li>
 *   <li>{@code stoppingAt + deregistrationDelay + }{@link #CONFIRMATION_MARGIN}: no HAProxy confirmed the
 *       deregistration (one broken or on an unreachable host), and a load balancer must not hold stops forever.</li>
 * </ul>
 * Worked numbers: delay 5 s, stop asked at 10:00:00, deregistration confirmed at 10:00:02 → held until 10:00:07
 * unless drained earlier; never confirmed → held until 10:00:15.
 */
public final class Deregistration {

    /**
     * How much later than the delay a stop whose deregistration nobody confirmed goes ahead anyway. Covers the
     * traffic pass's own interval (2 s), a reload and a slow exec into HAProxy, with room to spare.
     */
    public static final Duration CONFIRMATION_MARGIN = Duration.ofSeconds(10);

    private Deregistration() {
    }

    /**
     * The task is registered in at least one target group: it runs (lastStatus RUNNING, every essential container
     * running as the engine reports it) and publishes the port of a load balancer entry. A task whose essential
     * container exited, or that never ran, has nothing to drain.
     */
    public static boolean registered(Task task, TaskDefinitionSpec spec, List<ObservedContainer> observed,
                                     List<ServiceLoadBalancer> loadBalancers) {
        if (loadBalancers.isEmpty() || task.lastStatus() != TaskStatus.RUNNING) {
            return false;
        }
        for (ContainerDefinition def : spec.containers()) {
            if (def.essential() && observed.stream().noneMatch(c -> def.name().equals(c.labels().get(ContainerLabels.CONTAINER))
                    && ContainerPhase.of(c) == ContainerPhase.RUNNING)) {
                return false;
            }
        }
        return loadBalancers.stream().anyMatch(lb -> lb.hostPortOf(task).isPresent());
    }

    /**
     * Until when the stop of a registered task is held back; empty = stop now.
     *
     * @param drain what is stored; {@link TaskDrain#NOT_STARTED} for a stop decided in this pass (it starts now)
     */
    public static Optional<Instant> holdUntil(TaskDrain drain, Duration deregistrationDelay, Instant now) {
        if (drain.drainedAt() != null) {
            return Optional.empty();
        }
        Instant stopping = drain.stoppingAt() == null ? now : drain.stoppingAt();
        Instant until = stopping.plus(deregistrationDelay).plus(CONFIRMATION_MARGIN);
        if (drain.deregisteredAt() != null) {
            Instant delayEnds = drain.deregisteredAt().plus(deregistrationDelay);
            until = delayEnds.isBefore(until) ? delayEnds : until;
        }
        return now.isBefore(until) ? Optional.of(until) : Optional.empty();
    }
}
