package io.berth.reconciler.scheduler.spi;

import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.HostPort;
import io.berth.reconciler.scheduler.query.QueryContext;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A container instance as the scheduler sees it: what it offers and what is already reserved there.
 * Immutable; {@link #withTask} gives the load after one more placement.
 *
 * @param schedulable ACTIVE and connected; DRAINING, INACTIVE or disconnected hosts take no new tasks
 * @param tasksByGroup how many active tasks of each placement group (service) run here
 * @param tasksByGroupName the same by ECS task group name ({@code service:web}, {@code family:batch}), what
 *                     {@code task:group} in a memberOf expression asks about
 * @param totalTasks   the sum of {@code tasksByGroup}, kept so that the scheduler's last tie-break (fewer tasks of any
 *                     group) costs nothing per instance; the shorter constructors compute it
 * @param reservedPorts host ports no task gets here ({@code ContainerInstance.reservedPorts}); the shorter
 *                     constructors take the default set
 */
public record InstanceLoad(
        UUID id,
        String name,
        boolean schedulable,
        int registeredCpu,
        int registeredMemory,
        int usedCpu,
        int usedMemory,
        Set<HostPort> usedPorts,
        Map<UUID, Integer> tasksByGroup,
        Map<String, String> attributes,
        Map<String, Integer> tasksByGroupName,
        int totalTasks,
        Set<HostPort> reservedPorts) implements QueryContext {

    /** Built-in attribute every instance has, so a constraint can pin or exclude one instance. */
    public static final String INSTANCE_ID_ATTRIBUTE = "berth.instance-id";

    public InstanceLoad {
        usedPorts = Set.copyOf(usedPorts);
        tasksByGroup = Map.copyOf(tasksByGroup);
        attributes = Map.copyOf(attributes);
        tasksByGroupName = Map.copyOf(tasksByGroupName);
        reservedPorts = Set.copyOf(reservedPorts);
        if (totalTasks != sum(tasksByGroup)) {
            throw new IllegalArgumentException("totalTasks " + totalTasks + " is not the sum of tasksByGroup "
                    + tasksByGroup);
        }
    }

    public InstanceLoad(UUID id, String name, boolean schedulable, int registeredCpu, int registeredMemory, int usedCpu,
                        int usedMemory, Set<HostPort> usedPorts, Map<UUID, Integer> tasksByGroup,
                        Map<String, String> attributes, Map<String, Integer> tasksByGroupName) {
        this(id, name, schedulable, registeredCpu, registeredMemory, usedCpu, usedMemory, usedPorts, tasksByGroup,
                attributes, tasksByGroupName, sum(tasksByGroup), ContainerInstance.DEFAULT_RESERVED_PORTS);
    }

    /** An instance as stored: its own reserved ports. */
    public InstanceLoad(UUID id, String name, boolean schedulable, int registeredCpu, int registeredMemory, int usedCpu,
                        int usedMemory, Set<HostPort> usedPorts, Map<UUID, Integer> tasksByGroup,
                        Map<String, String> attributes, Map<String, Integer> tasksByGroupName,
                        Set<HostPort> reservedPorts) {
        this(id, name, schedulable, registeredCpu, registeredMemory, usedCpu, usedMemory, usedPorts, tasksByGroup,
                attributes, tasksByGroupName, sum(tasksByGroup), reservedPorts);
    }

    private static int sum(Map<UUID, Integer> tasksByGroup) {
        int total = 0;
        for (int n : tasksByGroup.values()) {
            total += n;
        }
        return total;
    }

    /** An instance whose tasks' group names are not known (they then match no {@code task:group} condition). */
    public InstanceLoad(UUID id, String name, boolean schedulable, int registeredCpu, int registeredMemory, int usedCpu,
                        int usedMemory, Set<HostPort> usedPorts, Map<UUID, Integer> tasksByGroup,
                        Map<String, String> attributes) {
        this(id, name, schedulable, registeredCpu, registeredMemory, usedCpu, usedMemory, usedPorts, tasksByGroup,
                attributes, Map.of());
    }

    @Override
    public String attribute(String attributeName) {
        String value = attributes.get(attributeName);
        if (value == null && INSTANCE_ID_ATTRIBUTE.equals(attributeName) && id != null) {
            return id.toString();
        }
        return value;
    }

    @Override
    public Collection<String> taskGroups() {
        return tasksByGroupName.keySet();
    }

    /** A copy with another schedulability (an instance set to DRAINING, a host gone silent). */
    public InstanceLoad withSchedulable(boolean value) {
        return new InstanceLoad(id, name, value, registeredCpu, registeredMemory, usedCpu, usedMemory, usedPorts,
                tasksByGroup, attributes, tasksByGroupName, totalTasks, reservedPorts);
    }

    public int freeCpu() {
        return registeredCpu - usedCpu;
    }

    public int freeMemory() {
        return registeredMemory - usedMemory;
    }

    public int tasksOf(UUID group) {
        return group == null ? 0 : tasksByGroup.getOrDefault(group, 0);
    }

    public InstanceLoad withTask(TaskRequirements req) {
        Set<HostPort> ports = usedPorts; // most tasks publish no fixed port: no copy then
        if (!req.fixedPorts().isEmpty()) {
            ports = new HashSet<>(usedPorts);
            ports.addAll(req.fixedPorts());
        }
        Map<UUID, Integer> groups = new HashMap<>(tasksByGroup);
        if (req.group() != null) {
            groups.merge(req.group(), 1, Integer::sum);
        }
        Map<String, Integer> names = tasksByGroupName;
        if (req.groupName() != null) {
            names = new HashMap<>(tasksByGroupName);
            names.merge(req.groupName(), 1, Integer::sum);
        }
        return new InstanceLoad(id, name, schedulable, registeredCpu, registeredMemory,
                usedCpu + req.cpu(), usedMemory + req.memory(), ports, groups, attributes, names, reservedPorts);
    }

    /** The load once a task that held {@code req} here is gone (its containers exited). */
    public InstanceLoad withoutTask(TaskRequirements req) {
        Set<HostPort> ports = new HashSet<>(usedPorts);
        ports.removeAll(req.fixedPorts());
        Map<UUID, Integer> groups = new HashMap<>(tasksByGroup);
        if (req.group() != null) {
            groups.computeIfPresent(req.group(), (g, n) -> n <= 1 ? null : n - 1);
        }
        Map<String, Integer> names = tasksByGroupName;
        if (req.groupName() != null) {
            names = new HashMap<>(tasksByGroupName);
            names.computeIfPresent(req.groupName(), (g, n) -> n <= 1 ? null : n - 1);
        }
        return new InstanceLoad(id, name, schedulable, registeredCpu, registeredMemory,
                Math.max(0, usedCpu - req.cpu()), Math.max(0, usedMemory - req.memory()), ports, groups, attributes,
                names, reservedPorts);
    }
}
