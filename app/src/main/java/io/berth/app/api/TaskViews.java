package io.berth.app.api;

import io.berth.app.api.dto.TaskContainerView;
import io.berth.app.api.dto.TaskView;
import io.berth.db.model.TaskContainerEntity;
import io.berth.db.model.TaskEntity;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TaskRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.springframework.data.domain.Limit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Read views of tasks with their containers. */
@Service
@Transactional(readOnly = true)
public class TaskViews {

    private final TaskRepository tasks;
    private final ServiceRepository services;
    private final ClusterViews clusters;
    private final JsonText json;
    private final TaskDeactivation deactivation;

    public TaskViews(TaskRepository tasks, ServiceRepository services, ClusterViews clusters, JsonText json,
                     TaskDeactivation deactivation) {
        this.deactivation = deactivation;
        this.tasks = tasks;
        this.services = services;
        this.clusters = clusters;
        this.json = json;
    }

    /**
     * One page of the cluster's tasks: newest first, by keyset. The filters other than the service are checked
     * here, so a page may take several reads of {@code limit + 1} ids; one more match than the page holds tells that
     * there is a next page.
     *
     * <p>The service filter names a service, but tasks belong to its identity (id), not its name: a service deleted
     * and created again under the same name starts with none of the old one's tasks, which keep the name but no
     * longer an id (the row's deletion nulls it). A name no current service has selects nothing rather than
     * answering 404: the deleted service's tasks are still in the unfiltered list until their retention ends, and
     * a script polling {@code get tasks --service web} while web is being replaced keeps working.
     */
    public Page<TaskView> page(String cluster, TaskFilter filter, PageRequest request) {
        clusters.requireCluster(cluster);
        java.util.Optional<UUID> serviceId = filter.service() == null ? java.util.Optional.empty()
                : services.findByClusterAndName(cluster, filter.service()).map(s -> s.getId());
        if (filter.service() != null && serviceId.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        List<TaskEntity> matched = new ArrayList<>();
        ContinueToken after = request.after();
        Limit batch = Limit.of(request.limit() + 1);
        while (matched.size() <= request.limit()) {
            List<UUID> ids = newestIds(cluster, serviceId.orElse(null), after, batch);
            if (ids.isEmpty()) {
                break;
            }
            Map<UUID, TaskEntity> byId = new HashMap<>();
            tasks.findWithContainersByIdIn(ids).forEach(t -> byId.put(t.getId(), t));
            for (UUID id : ids) {
                TaskEntity t = byId.get(id);
                if (t == null) {
                    continue; // removed between the two reads
                }
                after = new ContinueToken(t.getCreatedAt(), t.getId());
                if (filter.matches(t) && matched.size() <= request.limit()) {
                    matched.add(t);
                }
            }
            if (ids.size() < batch.max()) {
                break;
            }
        }
        boolean more = matched.size() > request.limit();
        List<TaskEntity> page = more ? matched.subList(0, request.limit()) : matched;
        TaskEntity last = page.isEmpty() ? null : page.getLast();
        return new Page<>(page.stream().map(this::view).toList(),
                more ? new ContinueToken(last.getCreatedAt(), last.getId()).encode() : null);
    }

    private List<UUID> newestIds(String cluster, UUID serviceId, ContinueToken after, Limit limit) {
        if (serviceId == null) {
            return after == null ? tasks.findNewestIdsByCluster(cluster, limit)
                    : tasks.findNewestIdsByClusterBefore(cluster, after.createdAt(), after.id(), limit);
        }
        return after == null ? tasks.findNewestIdsByService(serviceId, limit)
                : tasks.findNewestIdsByServiceBefore(serviceId, after.createdAt(), after.id(), limit);
    }

    public TaskView get(String cluster, String id) {
        clusters.requireCluster(cluster);
        return parse(id).flatMap(tasks::findWithContainersById)
                .filter(t -> t.getCluster().equals(cluster))
                .map(this::view)
                .orElseThrow(() -> ApiErrors.notFound("task " + id + " not found in cluster \"" + cluster + "\""));
    }

    private static java.util.Optional<UUID> parse(String id) {
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private TaskView view(TaskEntity t) {
        io.berth.reconciler.model.SecretVersions versions =
                io.berth.reconciler.store.SecretVersionsJson.read(t.getSecretVersions());
        return new TaskView(t.getId(), t.getCluster(), t.getServiceName(), t.getTaskDefinition().toString(),
                t.getContainerInstanceId(), t.getDesiredStatus().name(),
                deactivation.deactivating(t) ? "DEACTIVATING" : t.getLastStatus().name(), t.getStopCode(),
                t.getStoppedReason(), t.getCreatedAt(), t.getStartedAt(), t.getStoppingAt(), t.getStoppedAt(),
                t.getContainers().stream().map(this::view).toList(), t.getStartedBy(), t.getGroup(), t.getHealthStatus().name(),
                t.getPullStartedAt(), t.getPullStoppedAt(), versions.secrets(), versions.configs());
    }

    private TaskContainerView view(TaskContainerEntity c) {
        return new TaskContainerView(c.getName(), c.getDockerId(), c.getLastStatus().name(), c.getExitCode(),
                c.getReason(), c.getHealth().name(), json.hostPorts(c.getHostPorts()));
    }
}
