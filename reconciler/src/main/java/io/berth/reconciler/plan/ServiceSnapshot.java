package io.berth.reconciler.plan;

import io.berth.reconciler.model.ObservedContainer;
import io.berth.reconciler.model.ServiceEvent;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.scheduler.ClusterLoad;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Everything a service pass decides from: desired state, the service's tasks, what the engines report
 * about their containers, and the cluster's load.
 *
 * @param tasks              the service's tasks that are not STOPPED, plus its most recently stopped ones (newest first
 *                           among the stopped), which the crash-loop backoff reads
 * @param containers         containers found on the engines, by task id (missing key = none found)
 * @param observedInstances  instances whose engine answered this pass; tasks elsewhere are left alone
 * @param lastEvent          the newest event of the service, or null
 * @param taskDefinitions    every revision the tasks run, by "family:revision" (tasks of older revisions need theirs)
 * @param lostInstances      instances silent for longer than the grace period: their tasks are replaced elsewhere
 * @param drainingInstances  instances set to DRAINING: the service's tasks there are replaced elsewhere, within the
 *                           service's minimumHealthyPercent / maximumPercent, like tasks of an older revision
 * @param traffic            the service's load balancer registrations and its stopping tasks' draining
 * @param loadBalancerHealth what the load balancers last reported about the service's tasks
 * @param daemons            the cluster's other DAEMON services: a replica service leaves room for their missing
 *                           tasks (daemons are placed first), and a daemon task on a draining host waits for the
 *                           replica tasks there, not for other daemons
 */
public record ServiceSnapshot(
        ServiceState service,
        List<Task> tasks,
        Map<UUID, List<ObservedContainer>> containers,
        Set<UUID> observedInstances,
        ClusterLoad load,
        ServiceEvent lastEvent,
        Map<String, TaskDefinition> taskDefinitions,
        Set<UUID> lostInstances,
        Set<UUID> drainingInstances,
        ServiceTraffic traffic,
        LoadBalancerFacts loadBalancerHealth,
        List<ServiceState> daemons) {

    public ServiceSnapshot {
        daemons = daemons == null ? List.of() : List.copyOf(daemons);
        traffic = traffic == null ? ServiceTraffic.NONE : traffic;
        loadBalancerHealth = loadBalancerHealth == null ? LoadBalancerFacts.NONE : loadBalancerHealth;
        tasks = List.copyOf(tasks);
        containers = Map.copyOf(containers);
        observedInstances = Set.copyOf(observedInstances);
        taskDefinitions = Map.copyOf(taskDefinitions);
        lostInstances = Set.copyOf(lostInstances);
        drainingInstances = Set.copyOf(drainingInstances);
    }

    /** A snapshot that knows of no other daemon service. */
    public ServiceSnapshot(ServiceState service, List<Task> tasks, Map<UUID, List<ObservedContainer>> containers,
                           Set<UUID> observedInstances, ClusterLoad load, ServiceEvent lastEvent,
                           Map<String, TaskDefinition> taskDefinitions, Set<UUID> lostInstances,
                           Set<UUID> drainingInstances, ServiceTraffic traffic, LoadBalancerFacts loadBalancerHealth) {
        this(service, tasks, containers, observedInstances, load, lastEvent, taskDefinitions, lostInstances,
                drainingInstances, traffic, loadBalancerHealth, List.of());
    }

    /** The same snapshot of the service as {@code value} (a daemon with its counted desired count). */
    public ServiceSnapshot withService(ServiceState value) {
        return new ServiceSnapshot(value, tasks, containers, observedInstances, load, lastEvent, taskDefinitions,
                lostInstances, drainingInstances, traffic, loadBalancerHealth, daemons);
    }

    /** The ids of {@link #daemons}. */
    public Set<UUID> daemonServices() {
        Set<UUID> ids = new java.util.HashSet<>();
        daemons.forEach(d -> ids.add(d.id()));
        return ids;
    }

    /** A service behind no load balancer. */
    public ServiceSnapshot(ServiceState service, List<Task> tasks, Map<UUID, List<ObservedContainer>> containers,
                           Set<UUID> observedInstances, ClusterLoad load, ServiceEvent lastEvent,
                           Map<String, TaskDefinition> taskDefinitions, Set<UUID> lostInstances,
                           Set<UUID> drainingInstances) {
        this(service, tasks, containers, observedInstances, load, lastEvent, taskDefinitions, lostInstances,
                drainingInstances, ServiceTraffic.NONE, LoadBalancerFacts.NONE);
    }

    /** A service behind load balancers that have reported nothing about its tasks. */
    public ServiceSnapshot(ServiceState service, List<Task> tasks, Map<UUID, List<ObservedContainer>> containers,
                           Set<UUID> observedInstances, ClusterLoad load, ServiceEvent lastEvent,
                           Map<String, TaskDefinition> taskDefinitions, Set<UUID> lostInstances,
                           Set<UUID> drainingInstances, ServiceTraffic traffic) {
        this(service, tasks, containers, observedInstances, load, lastEvent, taskDefinitions, lostInstances,
                drainingInstances, traffic, LoadBalancerFacts.NONE);
    }

    /** A snapshot in which no instance drains. */
    public ServiceSnapshot(ServiceState service, List<Task> tasks, Map<UUID, List<ObservedContainer>> containers,
                           Set<UUID> observedInstances, ClusterLoad load, ServiceEvent lastEvent,
                           Map<String, TaskDefinition> taskDefinitions, Set<UUID> lostInstances) {
        this(service, tasks, containers, observedInstances, load, lastEvent, taskDefinitions, lostInstances, Set.of());
    }

    /** A snapshot in which no instance is lost. */
    public ServiceSnapshot(ServiceState service, List<Task> tasks, Map<UUID, List<ObservedContainer>> containers,
                           Set<UUID> observedInstances, ClusterLoad load, ServiceEvent lastEvent,
                           Map<String, TaskDefinition> taskDefinitions) {
        this(service, tasks, containers, observedInstances, load, lastEvent, taskDefinitions, Set.of(), Set.of());
    }

    /** The revision a task runs; the service's current one when the task runs it. */
    public TaskDefinition taskDefinitionOf(Task task) {
        TaskDefinition current = service.taskDefinition();
        if (task.taskDefinitionArn().equals(current.arn())) {
            return current;
        }
        TaskDefinition td = taskDefinitions.get(task.taskDefinitionArn());
        if (td == null) {
            throw new IllegalStateException("snapshot lacks task definition " + task.taskDefinitionArn());
        }
        return td;
    }

    public List<ObservedContainer> containersOf(UUID taskId) {
        return containers.getOrDefault(taskId, List.of());
    }
}
