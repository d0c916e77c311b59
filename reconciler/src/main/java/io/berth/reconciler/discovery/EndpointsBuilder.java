package io.berth.reconciler.discovery;

import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.HealthStatus;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds a service's {@link Endpoints} from its stored tasks and the cluster's instances. A task is an endpoint when
 * it is healthy:
 * <ul>
 *   <li>desired and last status RUNNING (a task being stopped takes no new clients, as a draining target);</li>
 *   <li>no container whose health check counts is STARTING or UNHEALTHY, i.e. every container with a health check
 *       is HEALTHY (containers without one are UNKNOWN and do not hold the task back);</li>
 *   <li>placed on an instance that is known, so it has an address.</li>
 * </ul>
 * Only published ports of running containers (a host port recorded) are listed; a healthy task that publishes none is still an endpoint
 * (an A record needs no port).
 */
public final class EndpointsBuilder {

    private static final Comparator<Endpoint> BY_TASK = Comparator.comparing(e -> e.taskId().toString());

    private EndpointsBuilder() {
    }

    /**
     * @param tasks        the service's tasks (any status; stopped ones are skipped)
     * @param instances    instances by id; tasks on an instance not in it are skipped
     * @param localAddress the address of tasks on an engine reached over a local socket
     * @param limit        the most endpoints listed (the lowest task ids); {@link Endpoints#total()} counts all
     */
    public static Endpoints build(String cluster, String service, Collection<Task> tasks,
                                  Map<UUID, ContainerInstance> instances, String localAddress, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        List<Endpoint> all = new ArrayList<>();
        for (Task t : tasks) {
            ContainerInstance instance = t.instanceId() == null ? null : instances.get(t.instanceId());
            if (instance == null || !healthy(t)) {
                continue;
            }
            all.add(new Endpoint(t.id(), t.instanceId(), InstanceAddress.of(instance, localAddress), ports(t)));
        }
        all.sort(BY_TASK);
        return new Endpoints(cluster, service, all.size() > limit ? all.subList(0, limit) : all, all.size());
    }

    /** Desired and last status RUNNING, and no container whose check counts waiting or failing. */
    public static boolean healthy(Task t) {
        if (t.desiredStatus() != TaskStatus.RUNNING || t.lastStatus() != TaskStatus.RUNNING) {
            return false;
        }
        for (TaskContainer c : t.containers()) {
            if (c.health() == HealthStatus.STARTING || c.health() == HealthStatus.UNHEALTHY) {
                return false;
            }
        }
        return true;
    }

    private static List<Endpoint.Port> ports(Task t) {
        List<Endpoint.Port> ports = new ArrayList<>();
        for (TaskContainer c : t.containers()) {
            if (c.lastStatus() != TaskStatus.RUNNING) {
                continue; // an exited non-essential container's ports are no longer published
            }
            for (PortMapping p : c.hostPorts()) {
                if (p.hostPort() > 0) {
                    ports.add(new Endpoint.Port(c.name(), p.containerPort(), p.protocol(), p.hostPort()));
                }
            }
        }
        return ports;
    }
}
