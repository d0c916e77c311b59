package io.berth.app.api;

import io.berth.app.api.dto.TaskContainerView;
import io.berth.app.api.dto.TaskView;
import io.berth.db.model.DesiredStatus;
import io.berth.db.model.TaskContainerEntity;
import io.berth.db.model.TaskEntity;
import io.berth.db.repository.TaskRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Read views of tasks with their containers. */
@Service
@Transactional(readOnly = true)
public class TaskViews {

    private static final Comparator<TaskView> NEWEST_FIRST =
            Comparator.comparing(TaskView::createdAt).thenComparing(TaskView::id).reversed();

    private final TaskRepository tasks;
    private final ClusterViews clusters;
    private final JsonText json;

    public TaskViews(TaskRepository tasks, ClusterViews clusters, JsonText json) {
        this.tasks = tasks;
        this.clusters = clusters;
        this.json = json;
    }

    /**
     * A service filter matches by name, so tasks of a deleted service (kept detached) stay listable. Every filter
     * is optional (null = any); they combine with "and", as ECS's list-tasks filters do.
     */
    public List<TaskView> list(String cluster, TaskFilter filter) {
        clusters.requireCluster(cluster);
        return tasks.findByCluster(cluster, filter.service()).stream()
                .filter(filter::matches)
                .map(this::view)
                .sorted(NEWEST_FIRST)
                .toList();
    }

    public List<TaskView> list(String cluster, String service, DesiredStatus desiredStatus) {
        return list(cluster, new TaskFilter(service, desiredStatus, null, null, null));
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
        return new TaskView(t.getId(), t.getCluster(), t.getServiceName(), t.getTaskDefinition().toString(),
                t.getContainerInstanceId(), t.getDesiredStatus().name(), t.getLastStatus().name(), t.getStopCode(),
                t.getStoppedReason(), t.getCreatedAt(), t.getStartedAt(), t.getStoppingAt(), t.getStoppedAt(),
                t.getContainers().stream().map(this::view).toList(), t.getStartedBy(), t.getGroup(), t.getHealthStatus().name(),
                t.getPullStartedAt(), t.getPullStoppedAt());
    }

    private TaskContainerView view(TaskContainerEntity c) {
        return new TaskContainerView(c.getName(), c.getDockerId(), c.getLastStatus().name(), c.getExitCode(),
                c.getReason(), c.getHealth().name(), json.hostPorts(c.getHostPorts()));
    }
}
