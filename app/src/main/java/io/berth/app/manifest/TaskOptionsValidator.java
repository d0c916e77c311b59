package io.berth.app.manifest;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerDependency;
import io.berth.reconciler.model.ContainerOptions;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOptions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules that tie a task's containers to each other and to the task: network mode, volumes and what mounts them,
 * volumesFrom and links. Paths are built like {@link TaskDefinitionSpecValidator}'s.
 */
final class TaskOptionsValidator {

    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]{0,253}[A-Za-z0-9])?");

    /**
     * In host mode a container's port is the host's port: ECS lets hostPort be left out and means the container
     * port. Rewriting it here lets placement see the fixed port.
     */
    static List<ContainerDefinition> hostModePorts(List<ContainerDefinition> containers, TaskOptions.NetworkMode mode) {
        if (mode != TaskOptions.NetworkMode.HOST) {
            return containers;
        }
        List<ContainerDefinition> result = new ArrayList<>();
        for (ContainerDefinition c : containers) {
            List<PortMapping> ports = c.portMappings().stream()
                    .map(p -> p.hostPort() == 0 ? new PortMapping(p.containerPort(), p.containerPort(), p.protocol()) : p)
                    .toList();
            result.add(new ContainerDefinition(c.name(), c.image(), c.command(), c.entryPoint(), c.environment(), c.cpu(),
                    c.memory(), c.memoryReservation(), c.essential(), ports, c.healthCheck(), c.options()));
        }
        return result;
    }

    void validate(TaskDefinitionSpec spec, String path, String containersPath, ErrorCollector errors) {
        TaskOptions options = spec.options();
        Map<String, TaskOptions.Volume> volumes = volumes(options.volumes(), join(path, "volumes"), errors);
        Set<String> names = new HashSet<>();
        spec.containers().forEach(c -> names.add(c.name()));
        Map<String, List<String>> volumesFromEdges = new HashMap<>();
        for (int i = 0; i < spec.containers().size(); i++) {
            ContainerDefinition c = spec.containers().get(i);
            String cPath = containersPath + "[" + i + "]";
            ContainerOptions o = c.options();
            network(c, options.networkMode(), cPath, errors);
            Set<String> targets = new HashSet<>();
            for (int m = 0; m < o.mountPoints().size(); m++) {
                ContainerOptions.MountPoint mp = o.mountPoints().get(m);
                String mPath = cPath + ".mountPoints[" + m + "]";
                if (!volumes.containsKey(mp.sourceVolume())) {
                    errors.reject(mPath + ".sourceVolume", "no volume named \"" + mp.sourceVolume()
                            + "\" in the task's volumes" + (volumes.isEmpty() ? "" : " " + volumes.keySet()));
                }
                if (!mp.containerPath().startsWith("/")) {
                    errors.reject(mPath + ".containerPath", "must be an absolute path, got \"" + mp.containerPath() + "\"");
                } else if (!targets.add(mp.containerPath())) {
                    errors.reject(mPath + ".containerPath", "\"" + mp.containerPath() + "\" is already mounted");
                }
            }
            List<String> edges = new ArrayList<>();
            for (int v = 0; v < o.volumesFrom().size(); v++) {
                String source = o.volumesFrom().get(v).sourceContainer();
                String vPath = cPath + ".volumesFrom[" + v + "].sourceContainer";
                if (source.equals(c.name())) {
                    errors.reject(vPath, "a container cannot mount its own volumes");
                } else if (!names.contains(source)) {
                    errors.reject(vPath, "no container named \"" + source + "\" in this task");
                } else {
                    edges.add(source);
                }
            }
            volumesFromEdges.put(c.name(), edges);
            for (int l = 0; l < o.links().size(); l++) {
                String link = o.links().get(l);
                String lPath = cPath + ".links[" + l + "]";
                String target = ContainerOptions.linkTarget(link);
                if (target.equals(c.name())) {
                    errors.reject(lPath, "a container cannot link to itself");
                } else if (!names.contains(target)) {
                    errors.reject(lPath, "no container named \"" + target + "\" in this task");
                } else if (!ALIAS.matcher(ContainerOptions.linkAlias(link)).matches()) {
                    errors.reject(lPath, "alias must be a valid host name, got \"" + ContainerOptions.linkAlias(link) + "\"");
                }
            }
        }
        String cycle = DependencyCycles.find(volumesFromEdges);
        if (cycle != null) {
            errors.reject(containersPath, "volumesFrom forms a cycle: " + cycle);
        }
        dependsOn(spec, containersPath, errors);
    }

    /** ECS's rules for dependsOn: known names, no cycles, COMPLETE/SUCCESS only on non-essential containers. */
    private static void dependsOn(TaskDefinitionSpec spec, String containersPath, ErrorCollector errors) {
        Map<String, ContainerDefinition> byName = new HashMap<>();
        spec.containers().forEach(c -> byName.putIfAbsent(c.name(), c));
        Map<String, List<String>> edges = new HashMap<>();
        for (int i = 0; i < spec.containers().size(); i++) {
            ContainerDefinition c = spec.containers().get(i);
            List<String> needs = new ArrayList<>();
            for (int d = 0; d < c.options().dependsOn().size(); d++) {
                ContainerDependency dep = c.options().dependsOn().get(d);
                String dPath = containersPath + "[" + i + "].dependsOn[" + d + "]";
                ContainerDefinition target = byName.get(dep.containerName());
                if (dep.containerName().equals(c.name())) {
                    errors.reject(dPath + ".containerName", "a container cannot depend on itself");
                } else if (target == null) {
                    errors.reject(dPath + ".containerName", "no container named \"" + dep.containerName()
                            + "\" in this task");
                } else {
                    needs.add(dep.containerName());
                    boolean runsToEnd = dep.condition() == ContainerDependency.Condition.COMPLETE
                            || dep.condition() == ContainerDependency.Condition.SUCCESS;
                    if (runsToEnd && target.essential()) {
                        errors.reject(dPath + ".condition", dep.condition() + " waits for " + dep.containerName()
                                + " to exit, but it is essential (its exit would stop the task): mark it essential: false");
                    }
                    if (dep.condition() == ContainerDependency.Condition.HEALTHY && target.healthCheck() == null) {
                        errors.reject(dPath + ".condition", "HEALTHY needs a healthCheck on " + dep.containerName());
                    }
                }
            }
            edges.put(c.name(), needs);
            if (c.options().startTimeout() != null && c.options().startTimeout().isZero()) {
                errors.reject(containersPath + "[" + i + "].startTimeout", "must be > 0");
            }
        }
        String cycle = DependencyCycles.find(edges);
        if (cycle != null) {
            errors.reject(containersPath, "dependsOn forms a cycle: " + cycle);
        }
    }

    private static void network(ContainerDefinition c, TaskOptions.NetworkMode mode, String path, ErrorCollector errors) {
        ContainerOptions o = c.options();
        if (mode != TaskOptions.NetworkMode.BRIDGE && !o.links().isEmpty()) {
            errors.reject(path + ".links", "links need networkMode bridge");
        }
        if (mode == TaskOptions.NetworkMode.NONE && !c.portMappings().isEmpty()) {
            errors.reject(path + ".portMappings", "networkMode none has no ports to map");
        }
        if (mode == TaskOptions.NetworkMode.HOST) {
            if (o.hostname() != null) {
                errors.reject(path + ".hostname", "cannot be set with networkMode host (the host's name is used)");
            }
            for (int p = 0; p < c.portMappings().size(); p++) {
                PortMapping port = c.portMappings().get(p);
                if (port.hostPort() != port.containerPort()) {
                    errors.reject(path + ".portMappings[" + p + "].hostPort", "must equal containerPort ("
                            + port.containerPort() + ") or be left out with networkMode host");
                }
            }
        }
    }

    private static Map<String, TaskOptions.Volume> volumes(List<TaskOptions.Volume> volumes, String path,
                                                           ErrorCollector errors) {
        Map<String, TaskOptions.Volume> byName = new HashMap<>();
        for (int i = 0; i < volumes.size(); i++) {
            TaskOptions.Volume v = volumes.get(i);
            String vPath = path + "[" + i + "]";
            Names.check(v.name(), vPath + ".name", errors);
            if (byName.putIfAbsent(v.name(), v) != null) {
                errors.reject(vPath + ".name", "duplicate volume name \"" + v.name() + "\"");
            }
            if (v.hostSourcePath() != null && v.docker() != null) {
                errors.reject(vPath, "must have either host or dockerVolumeConfiguration, not both");
            }
            if (v.hostSourcePath() != null && !v.hostSourcePath().startsWith("/")) {
                errors.reject(vPath + ".host.sourcePath", "must be an absolute path, got \"" + v.hostSourcePath() + "\"");
            }
            TaskOptions.DockerVolume d = v.docker();
            if (d != null) {
                if (!d.scope().equals("task") && !d.scope().equals("shared")) {
                    errors.reject(vPath + ".dockerVolumeConfiguration.scope", "must be task or shared, got \"" + d.scope() + "\"");
                } else if (d.autoprovision() && !d.shared()) {
                    errors.reject(vPath + ".dockerVolumeConfiguration.autoprovision", "applies to shared volumes only");
                }
                if (d.driver() != null && d.driver().isBlank()) {
                    errors.reject(vPath + ".dockerVolumeConfiguration.driver", "must not be blank");
                }
                if (d.shared() && !Names.isValid(v.name())) {
                    errors.reject(vPath + ".name", "a shared volume's name is its Docker name: " + Names.RULE);
                }
            }
        }
        return byName;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
