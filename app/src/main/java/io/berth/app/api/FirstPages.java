package io.berth.app.api;

import io.berth.app.api.dto.ClusterView;
import io.berth.app.api.dto.ContainerInstanceView;
import io.berth.app.api.dto.DeploymentView;
import io.berth.app.api.dto.ServiceView;
import io.berth.app.api.dto.TaskView;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * The first page of the lists the API serves, for readers outside the API (the web console): the same read views
 * and the same ordering, bounded by {@code limit}, with whether more rows exist beyond it.
 */
@Service
public class FirstPages {

    /** @param more true when the list goes on past {@code items} */
    public record Rows<T>(List<T> items, boolean more) {
        static <T> Rows<T> of(Page<T> page) {
            return new Rows<>(page.items(), page.next() != null);
        }
    }

    private final ClusterViews clusters;
    private final ServiceViews services;
    private final TaskViews tasks;
    private final DeploymentViews deployments;
    private final TaskDefinitionViews taskDefinitions;

    public FirstPages(ClusterViews clusters, ServiceViews services, TaskViews tasks, DeploymentViews deployments,
                      TaskDefinitionViews taskDefinitions) {
        this.taskDefinitions = taskDefinitions;
        this.clusters = clusters;
        this.services = services;
        this.tasks = tasks;
        this.deployments = deployments;
    }

    /** Clusters by name. */
    public Rows<ClusterView> clusters(int limit) {
        return Rows.of(clusters.page(new PageRequest(limit, null)));
    }

    /** A cluster's container instances, oldest first; 404 for an unknown cluster. */
    public Rows<ContainerInstanceView> instances(String cluster, int limit) {
        return Rows.of(clusters.containerInstances(cluster, new PageRequest(limit, null)));
    }

    /** A cluster's services by name; 404 for an unknown cluster. */
    public Rows<ServiceView> services(String cluster, int limit) {
        return Rows.of(services.page(cluster, new PageRequest(limit, null)));
    }

    /** A service's tasks, newest first (null service: every task of the cluster). */
    public Rows<TaskView> tasks(String cluster, String service, int limit) {
        return Rows.of(tasks.page(cluster, new TaskFilter(service, null, null, null, null), new PageRequest(limit, null)));
    }

    /** A service's deployments, newest first; 404 for an unknown service. */
    public Rows<DeploymentView> deployments(String cluster, String service, int limit) {
        return Rows.of(deployments.history(cluster, service, new PageRequest(limit, null)));
    }

    /** Task definition families by name, each with its newest revision. */
    public Rows<io.berth.app.api.dto.TaskDefinitionFamilyView> taskDefinitionFamilies(int limit) {
        return Rows.of(taskDefinitions.families(new PageRequest(limit, null)));
    }

    /** A family's newest revisions, oldest of them first ("more" = older ones left out); 404 for an unknown family. */
    public Rows<io.berth.app.api.dto.TaskDefinitionRevisionView> taskDefinitionRevisions(String family, int limit) {
        Page<io.berth.app.api.dto.TaskDefinitionRevisionView> page = taskDefinitions.newestRevisions(family, limit);
        return new Rows<>(page.items(), page.next() != null);
    }
}
