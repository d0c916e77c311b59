package io.berth.app.api;

import io.berth.app.api.dto.PlacementItemView;
import io.berth.app.api.dto.ServiceEventView;
import io.berth.app.api.dto.ServiceRolloutView;
import io.berth.app.api.dto.ServiceView;
import io.berth.db.model.DeploymentStatus;
import io.berth.db.model.DesiredStatus;
import io.berth.db.model.LastStatus;
import io.berth.db.model.ServiceEntity;
import io.berth.db.repository.DeploymentRepository;
import io.berth.db.repository.ServiceEventRepository;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TaskRepository;
import io.berth.reconciler.model.ServiceSpec;
import io.berth.reconciler.scheduler.placement.Placement;
import io.berth.reconciler.store.ServiceSpecJson;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Read views of services, with task counts and recent events. */
@Service
@Transactional(readOnly = true)
public class ServiceViews {

    static final int EVENTS_SHOWN = 50;
    private static final Set<LastStatus> RUNNING = EnumSet.of(LastStatus.RUNNING);
    private static final Set<LastStatus> PENDING = EnumSet.of(LastStatus.PROVISIONING, LastStatus.PENDING);

    private final ServiceRepository services;
    private final TaskRepository tasks;
    private final ServiceEventRepository events;
    private final ClusterViews clusters;
    private final JsonText json;
    private final DeploymentRepository deployments;

    private final ServiceSpecJson serviceSpecJson;

    public ServiceViews(ServiceRepository services, TaskRepository tasks, ServiceEventRepository events,
                        ClusterViews clusters, JsonText json, DeploymentRepository deployments,
                        ServiceSpecJson serviceSpecJson) {
        this.serviceSpecJson = serviceSpecJson;
        this.deployments = deployments;
        this.services = services;
        this.tasks = tasks;
        this.events = events;
        this.clusters = clusters;
        this.json = json;
    }

    /** One page of the cluster's services, without events (only the single service view carries them), by name: keyset on the name, unique in the cluster. */
    public Page<ServiceView> page(String cluster, PageRequest request) {
        clusters.requireCluster(cluster);
        String after = request.afterName();
        Limit limit = Limit.of(request.limit() + 1);
        List<ServiceEntity> rows = after == null ? services.findByClusterOrderByName(cluster, limit)
                : services.findByClusterAndNameGreaterThanOrderByName(cluster, after, limit);
        boolean more = rows.size() > request.limit();
        List<ServiceEntity> page = more ? rows.subList(0, request.limit()) : rows;
        return new Page<>(page.stream().map(s -> view(s, false)).toList(),
                more ? ContinueToken.encodeName(page.getLast().getName()) : null);
    }

    public ServiceView get(String cluster, String name) {
        return view(find(cluster, name), true);
    }

    /** @throws org.springframework.web.server.ResponseStatusException 404 for an unknown cluster or service */
    ServiceEntity find(String cluster, String name) {
        clusters.requireCluster(cluster);
        return services.findByClusterAndName(cluster, name)
                .orElseThrow(() -> ApiErrors.serviceNotFound(cluster, name));
    }

    /**
     * Counts only tasks the service still wants (desired RUNNING): one being stopped is neither running
     * nor pending from the user's point of view, as in ECS.
     */
    ServiceView view(ServiceEntity s, boolean withEvents) {
        long running = tasks.countByServiceIdAndDesiredStatusAndLastStatusIn(s.getId(), DesiredStatus.RUNNING, RUNNING);
        long pending = tasks.countByServiceIdAndDesiredStatusAndLastStatusIn(s.getId(), DesiredStatus.RUNNING, PENDING);
        List<ServiceEventView> recent = withEvents
                ? events.findLatest(s.getId(), EVENTS_SHOWN).stream()
                        .map(e -> new ServiceEventView(e.getCreatedAt(), e.getMessage())).toList()
                : null;
        ServiceRolloutView rollout = deployments.findByServiceIdAndStatus(s.getId(), DeploymentStatus.PRIMARY)
                .map(d -> new ServiceRolloutView(d.getId(), d.getTaskDefinition().toString(),
                        d.getRolloutState().name(), d.getRolloutReason()))
                .orElse(null);
        ServiceSpec spec = serviceSpecJson.fromJson(s.getSpec());
        Placement placement = spec.placement();
        return new ServiceView(s.getName(), s.getCluster(), s.getStatus().name(), s.getTaskDefinition().toString(),
                s.getDesiredCount(), running, pending, json.stringMap(s.getLabels()), s.getCreatedAt(),
                s.getUpdatedAt(), recent, rollout, PlacementItemView.strategies(placement.strategies()),
                PlacementItemView.constraints(placement.constraints()), spec.schedulingStrategy().name());
    }
}
