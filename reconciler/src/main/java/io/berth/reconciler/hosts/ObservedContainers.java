package io.berth.reconciler.hosts;

import io.berth.docker.ContainerState;
import io.berth.docker.EngineResource;
import io.berth.reconciler.model.ObservedContainer;
import io.berth.reconciler.model.ObservedResource;
import io.berth.reconciler.model.PortMapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The observation edge: the engine client's answers mapped to Berth's own records, so that the planners depend on
 * Berth's model only (a rule the architecture tests hold).
 */
public final class ObservedContainers {

    private ObservedContainers() {
    }

    /** @return null for null (a container the engine did not report) */
    public static ObservedContainer of(ContainerState c) {
        if (c == null) {
            return null;
        }
        return new ObservedContainer(c.id(), c.labels(), c.status(), c.running(), c.exitCode(), c.oomKilled(),
                c.health() == null ? null : ObservedContainer.Health.valueOf(c.health().name()), c.error(),
                c.ports().stream().map(b -> new PortMapping(b.containerPort(), b.hostPort(), b.protocol())).toList(),
                c.startedAt());
    }

    public static List<ObservedContainer> of(List<ContainerState> containers) {
        return containers.stream().map(ObservedContainers::of).toList();
    }

    /** Keeps the keys and their order. */
    public static Map<String, ObservedContainer> byName(Map<String, ContainerState> containers) {
        Map<String, ObservedContainer> result = new LinkedHashMap<>();
        containers.forEach((name, c) -> result.put(name, of(c)));
        return result;
    }

    public static List<ObservedResource> resources(List<EngineResource> resources) {
        return resources.stream().map(r -> new ObservedResource(r.name(), r.labels())).toList();
    }
}
