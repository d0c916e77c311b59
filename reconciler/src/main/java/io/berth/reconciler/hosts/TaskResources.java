package io.berth.reconciler.hosts;

import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOptions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Names and labels of the networks and volumes Berth creates for a task. Pure. Everything created for one task
 * carries the task's id, so that the instance pass can remove it once the task's containers are gone.
 */
public final class TaskResources {

    /** Set on shared-scope volumes: they belong to no task and outlive every one. */
    public static final String VOLUME_SCOPE = "berth.volume-scope";

    private TaskResources() {
    }

    /**
     * Whether the task gets a bridge network of its own. A single container has nobody to reach by name, so it stays
     * on Docker's default bridge: user-defined networks draw on a small address pool (about 30 per engine with
     * Docker's defaults), which must not be spent on tasks that do not need one.
     */
    public static boolean hasOwnNetwork(TaskDefinitionSpec spec) {
        return spec.options().networkMode() == TaskOptions.NetworkMode.BRIDGE && spec.containers().size() > 1;
    }

    public static String networkName(Task task) {
        return "berth-task-" + task.id();
    }

    /** Docker's name of a task volume: per task for scope "task", the volume's own name for scope "shared". */
    public static String volumeName(Task task, TaskOptions.Volume volume) {
        if (volume.docker() != null && volume.docker().shared()) {
            return volume.name();
        }
        return "berth-" + task.id() + "-" + volume.name();
    }

    /** Labels of a task's network and task-scoped volumes. */
    public static Map<String, String> labels(Task task, UUID installation) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ContainerLabels.MANAGED, "true");
        labels.put(ContainerLabels.INSTALLATION, installation.toString());
        labels.put(ContainerLabels.CLUSTER, task.cluster());
        labels.put(ContainerLabels.TASK_ID, task.id().toString());
        return labels;
    }

    /** Labels of a shared volume Berth provisions: the user's, plus Berth's own without a task id. */
    public static Map<String, String> sharedVolumeLabels(Map<String, String> userLabels, UUID installation) {
        Map<String, String> labels = new LinkedHashMap<>(userLabels);
        labels.put(ContainerLabels.MANAGED, "true");
        labels.put(ContainerLabels.INSTALLATION, installation.toString());
        labels.put(VOLUME_SCOPE, "shared");
        return labels;
    }

    /**
     * Whether a shared volume found on a host is one this installation created: a shared volume is mounted only
     * then, since a name alone may be any volume of the host (Berth's own admin token, PostgreSQL's data).
     */
    public static boolean isOwnSharedVolume(Map<String, String> volumeLabels, UUID installation) {
        // The scope label too: a task-scoped volume of another task is Berth's, but not for this task to mount.
        return "true".equals(volumeLabels.get(ContainerLabels.MANAGED))
                && installation.toString().equals(volumeLabels.get(ContainerLabels.INSTALLATION))
                && "shared".equals(volumeLabels.get(VOLUME_SCOPE));
    }

    /** Selects what this installation created for tasks (networks, task-scoped volumes) on an engine. */
    public static Map<String, String> taskResourceFilter(UUID installation) {
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put(ContainerLabels.MANAGED, "true");
        filter.put(ContainerLabels.INSTALLATION, installation.toString());
        filter.put(ContainerLabels.TASK_ID, null);
        return filter;
    }
}
