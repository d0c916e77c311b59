package io.berth.reconciler.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The labels on every container Berth creates. They are what lets a restarted Berth adopt running
 * containers instead of starting duplicates, and find containers it owns that no task accounts for.
 */
public final class ContainerLabels {

    public static final String MANAGED = "berth.managed";
    /**
     * Which Berth (which database) owns the container. Two Berths sharing an engine — a test next to a
     * benchmark, a staging next to production — must never take each other's containers for orphans.
     */
    public static final String INSTALLATION = "berth.installation";
    public static final String CLUSTER = "berth.cluster";
    public static final String TASK_ID = "berth.task-id";
    public static final String CONTAINER = "berth.container";
    public static final String SERVICE = "berth.service";
    public static final String SERVICE_ID = "berth.service-id";
    public static final String TASK_DEFINITION = "berth.task-definition";

    private ContainerLabels() {
    }

    public static Map<String, String> of(Task task, String containerName, UUID installation) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED, "true");
        labels.put(INSTALLATION, installation.toString());
        labels.put(CLUSTER, task.cluster());
        labels.put(TASK_ID, task.id().toString());
        labels.put(CONTAINER, containerName);
        labels.put(TASK_DEFINITION, task.taskDefinitionArn());
        if (task.serviceId() != null) {
            labels.put(SERVICE_ID, task.serviceId().toString());
            labels.put(SERVICE, task.serviceName());
        }
        return labels;
    }

    /** The filter selecting every container this Berth installation manages in a cluster. */
    public static Map<String, String> clusterFilter(UUID installation, String cluster) {
        return Map.of(MANAGED, "true", INSTALLATION, installation.toString(), CLUSTER, cluster);
    }

    public static Map<String, String> serviceFilter(UUID serviceId) {
        return Map.of(MANAGED, "true", SERVICE_ID, serviceId.toString());
    }

    /** Docker container name: unique per engine, readable in `docker ps`. */
    public static String containerName(Task task, String containerName) {
        return "berth-" + task.family() + "-" + containerName + "-" + task.id();
    }
}
