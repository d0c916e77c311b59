package io.berth.app.manifest;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.HealthCheck;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.TaskDefinitionSpec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a task definition must follow, checked on the typed spec so that every way in (manifests now,
 * ECS JSON later) shares them. Paths are built from the spec's field names, which match the manifest's.
 */
public final class TaskDefinitionSpecValidator {

    static final int MAX_CONTAINERS = 10;
    /** Docker refuses smaller memory limits; ECS uses the same floor. */
    static final int MIN_MEMORY_MIB = 4;
    /**
     * Far above any host (1024 vCPUs, 16 TiB), and low enough that a task's sums over {@link #MAX_CONTAINERS}
     * containers stay far inside an int: a sum that wrapped negative would let one task over-commit a host.
     */
    public static final int MAX_CPU_UNITS = 1_048_576;
    public static final int MAX_MEMORY_MIB = 16 * 1024 * 1024;

    private final ContainerOptionsValidator optionsValidator = new ContainerOptionsValidator();
    private final TaskOptionsValidator taskOptionsValidator = new TaskOptionsValidator();

    public void validate(TaskDefinitionSpec spec, String path, ErrorCollector errors) {
        validate(spec, path, "containers", errors);
    }

    /** @param containersField what the document calls the list of containers (ECS: containerDefinitions) */
    void validate(TaskDefinitionSpec spec, String path, String containersField, ErrorCollector errors) {
        List<ContainerDefinition> containers = spec.containers();
        String containersPath = path.isEmpty() ? containersField : path + "." + containersField;
        if (containers.isEmpty()) {
            errors.reject(containersPath, "must list at least one container");
        } else if (containers.size() > MAX_CONTAINERS) {
            errors.reject(containersPath, "must list at most " + MAX_CONTAINERS + " containers, got " + containers.size());
        }
        String taskPath = path.isEmpty() ? "" : path + ".";
        checkCpu(spec.cpu(), taskPath + "cpu", errors);
        checkMemory(spec.memory(), taskPath + "memory", errors);
        Set<String> names = new HashSet<>();
        Map<String, String> fixedPorts = new HashMap<>();
        for (int i = 0; i < containers.size(); i++) {
            ContainerDefinition container = containers.get(i);
            String containerPath = containersPath + "[" + i + "]";
            container(container, containerPath, spec, errors);
            if (!names.add(container.name())) {
                errors.reject(containerPath + ".name", "duplicate container name \"" + container.name() + "\"");
            }
            hostPortConflicts(container, containerPath, fixedPorts, errors);
        }
        if (!containers.isEmpty() && containers.stream().noneMatch(ContainerDefinition::essential)) {
            errors.reject(containersPath, "must have at least one essential container");
        }
        taskOptionsValidator.validate(spec, path, containersPath, errors);
    }

    private void container(ContainerDefinition c, String path, TaskDefinitionSpec spec, ErrorCollector errors) {
        Names.check(c.name(), path + ".name", errors);
        if (c.image().isBlank()) {
            errors.reject(path + ".image", "must not be blank");
        }
        checkCpu(c.cpu(), path + ".cpu", errors);
        checkMemory(c.memory(), path + ".memory", errors);
        if (checkMemory(c.memoryReservation(), path + ".memoryReservation", errors) && c.memoryReservation() != null && c.memory() != null && c.memoryReservation() > c.memory()) {
            errors.reject(path + ".memoryReservation", "must be <= memory (" + c.memory() + " MiB)");
        }
        if (c.memory() != null && spec.memory() != null && c.memory() > spec.memory()) {
            errors.reject(path + ".memory", "must be <= the task's memory (" + spec.memory() + " MiB)");
        }
        for (int p = 0; p < c.portMappings().size(); p++) {
            portMapping(c.portMappings().get(p), path + ".portMappings[" + p + "]", errors);
        }
        if (c.healthCheck() != null) {
            healthCheck(c.healthCheck(), path + ".healthCheck", errors);
        }
        optionsValidator.validate(c.options(), path, errors);
    }

    private void portMapping(PortMapping port, String path, ErrorCollector errors) {
        if (port.containerPort() < 1 || port.containerPort() > 65535) {
            errors.reject(path + ".containerPort", "must be between 1 and 65535");
        }
        if (port.hostPort() < 0 || port.hostPort() > 65535) {
            errors.reject(path + ".hostPort", "must be between 0 (dynamic) and 65535");
        }
        if (!port.protocol().equals("tcp") && !port.protocol().equals("udp")) {
            errors.reject(path + ".protocol", "must be tcp or udp, got \"" + port.protocol() + "\"");
        }
        // A port reserved on an instance (22/tcp by default) is not refused here: instances choose their reserved
        // ports, and a task asking one is placed where it is free, or left pending with the reason (PortFilter).
    }

    /** Two containers of one task cannot bind the same fixed host port: the task could never start. */
    private void hostPortConflicts(ContainerDefinition c, String path, Map<String, String> seen, ErrorCollector errors) {
        for (int p = 0; p < c.portMappings().size(); p++) {
            PortMapping port = c.portMappings().get(p);
            if (port.isDynamic()) {
                continue;
            }
            String key = port.hostPort() + "/" + port.protocol();
            String portPath = path + ".portMappings[" + p + "].hostPort";
            String previous = seen.putIfAbsent(key, portPath);
            if (previous != null) {
                errors.reject(portPath, "host port " + key + " is already used by " + previous);
            }
        }
    }

    private void healthCheck(HealthCheck check, String path, ErrorCollector errors) {
        List<String> command = check.command();
        if (command.isEmpty() || !(command.getFirst().equals("CMD") || command.getFirst().equals("CMD-SHELL"))) {
            errors.reject(path + ".command", "must start with \"CMD\" or \"CMD-SHELL\"");
        } else if (command.size() < 2) {
            errors.reject(path + ".command", "must name what to run after \"" + command.getFirst() + "\"");
        }
        if (check.interval().isZero()) {
            errors.reject(path + ".interval", "must be > 0");
        }
        if (check.timeout().isZero()) {
            errors.reject(path + ".timeout", "must be > 0");
        }
        if (check.retries() < 1 || check.retries() > 10) {
            errors.reject(path + ".retries", "must be between 1 and 10");
        }
    }

    private static void checkCpu(Integer cpu, String path, ErrorCollector errors) {
        if (cpu != null && cpu < 0) {
            errors.reject(path, "must be >= 0");
        } else if (cpu != null && cpu > MAX_CPU_UNITS) {
            errors.reject(path, "must be <= " + MAX_CPU_UNITS + " CPU units (1024 vCPUs), got " + cpu);
        }
    }

    /** @return whether the value is absent or within bounds */
    private static boolean checkMemory(Integer mib, String path, ErrorCollector errors) {
        if (mib != null && mib < MIN_MEMORY_MIB) {
            errors.reject(path, "must be >= " + MIN_MEMORY_MIB + " MiB");
            return false;
        }
        if (mib != null && mib > MAX_MEMORY_MIB) {
            errors.reject(path, "must be <= " + MAX_MEMORY_MIB + " MiB (16 TiB), got " + mib);
            return false;
        }
        return true;
    }
}
