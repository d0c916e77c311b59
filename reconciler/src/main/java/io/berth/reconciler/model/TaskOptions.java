package io.berth.reconciler.model;

import java.util.List;
import java.util.Map;

/**
 * Task-level settings of a task definition beyond its containers and size, with ECS's names.
 *
 * @param networkMode how the task's containers are networked
 * @param volumes     volumes the containers may mount by name
 * @param tags        free-form key/value metadata of the task definition
 */
public record TaskOptions(NetworkMode networkMode, List<Volume> volumes, Map<String, String> tags) {

    public static final TaskOptions DEFAULTS = new TaskOptions(NetworkMode.BRIDGE, List.of(), Map.of());

    public TaskOptions {
        networkMode = networkMode == null ? NetworkMode.BRIDGE : networkMode;
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public enum NetworkMode {
        /** A per-task user-defined bridge network: containers reach each other by container name. */
        BRIDGE,
        /** The host's network stack; only where the cluster's policy allows it. */
        HOST,
        /** No network beyond loopback. */
        NONE
    }

    /**
     * A task volume: a host path (only where the cluster allows host paths), or a Docker volume. Exactly one of
     * {@code hostSourcePath} and {@code docker} is set; neither = a Docker volume with the default driver, scoped
     * to the task (ECS's empty "host": {}).
     */
    public record Volume(String name, String hostSourcePath, DockerVolume docker) {
    }

    /**
     * ECS dockerVolumeConfiguration. {@code scope} "task" volumes are removed with the task; "shared" ones outlive it
     * and are shared by every task on the host naming them.
     */
    public record DockerVolume(String scope, boolean autoprovision, String driver, Map<String, String> driverOpts,
                               Map<String, String> labels) {
        public DockerVolume {
            scope = scope == null ? "task" : scope;
            driverOpts = driverOpts == null ? Map.of() : Map.copyOf(driverOpts);
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }

        public boolean shared() {
            return "shared".equals(scope);
        }
    }
}
