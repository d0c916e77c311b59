package io.berth.app.api;

import io.berth.app.api.dto.HostPortView;
import io.berth.db.model.DesiredStatus;
import io.berth.db.model.LastStatus;
import io.berth.db.model.TaskEntity;
import io.berth.db.repository.TaskRepository;
import io.berth.app.watch.DeactivatingTasks;
import io.berth.reconciler.model.ServiceLoadBalancer;
import io.berth.reconciler.model.TaskDrain;
import io.berth.reconciler.plan.Deregistration;
import io.berth.reconciler.store.TrafficStore;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.transaction.annotation.Transactional;
import java.util.Optional;

/**
 * Whether a task shows ECS's {@code DEACTIVATING}: asked to stop, still RUNNING, registered in a target group, and
 * its stop held back while its load balancers drain it. Decided by the same rule the service pass holds the stop
 * with ({@link Deregistration#holdUntil}), from the stored facts, so the view and the loop agree; only tasks asked
 * to stop and still running (few) cost a read of their service's load balancer entries.
 */
@Component
class TaskDeactivation implements DeactivatingTasks {

    private final TrafficStore traffic;
    private final Clock clock;
    private final JsonText json;
    private final TaskRepository tasks;

    TaskDeactivation(TrafficStore traffic, Clock clock, JsonText json, TaskRepository tasks) {
        this.traffic = traffic;
        this.clock = clock;
        this.json = json;
        this.tasks = tasks;
    }

    boolean deactivating(TaskEntity t) {
        return deactivating(t, clock.instant());
    }

    /**
     * For a change of the watch stream: the drain facts recorded after {@code at} are left out, so that a change
     * streamed again later (a client resuming) shows what it showed then, as far as the stored facts tell.
     */
    @Override
    @Transactional(readOnly = true)
    public boolean deactivatingAt(UUID taskId, Instant at) {
        return tasks.findWithContainersById(taskId).map(t -> deactivating(t, at)).orElse(false);
    }

    private boolean deactivating(TaskEntity t, Instant at) {
        if (t.getDesiredStatus() != DesiredStatus.STOPPED || t.getLastStatus() != LastStatus.RUNNING
                || byThen(t.getDrainedAt(), at) != null || t.getServiceId() == null) {
            return false;
        }
        Optional<TrafficStore.ServiceRegistration> registration = traffic.registrationOf(t.getCluster(), t.getServiceId());
        if (registration.isEmpty() || registration.get().loadBalancers().stream().noneMatch(lb -> publishes(t, lb))) {
            return false;
        }
        return Deregistration.holdUntil(new TaskDrain(t.getStoppingAt(), byThen(t.getDeregisteredAt(), at), null),
                registration.get().deregistrationDelay(), at).isPresent();
    }

    private static Instant byThen(Instant fact, Instant at) {
        return fact == null || fact.isAfter(at) ? null : fact;
    }

    private boolean publishes(TaskEntity t, ServiceLoadBalancer lb) {
        return t.getContainers().stream().anyMatch(c -> c.getName().equals(lb.containerName())
                && c.getLastStatus() == LastStatus.RUNNING
                && json.hostPorts(c.getHostPorts()).stream().anyMatch(p -> matches(p, lb)));
    }

    private static boolean matches(HostPortView p, ServiceLoadBalancer lb) {
        return p.containerPort() == lb.containerPort() && "tcp".equals(p.protocol()) && p.hostPort() > 0;
    }
}
