package io.berth.app.api;

import io.berth.app.api.dto.DeploymentView;
import io.berth.app.api.dto.RolloutView;
import io.berth.db.model.DeploymentEntity;
import io.berth.db.model.DeploymentStatus;
import io.berth.db.model.RolloutState;
import io.berth.db.model.ServiceEntity;
import io.berth.db.repository.DeploymentRepository;
import io.berth.db.repository.DeploymentRepository.WantedTaskCount;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Read views of a service's deployments: its history and its current rollout. */
@Service
@Transactional(readOnly = true)
public class DeploymentViews {

    private final DeploymentRepository deployments;
    private final ServiceViews services;

    public DeploymentViews(DeploymentRepository deployments, ServiceViews services) {
        this.deployments = deployments;
        this.services = services;
    }

    /** Newest first, a page at a time. */
    Page<DeploymentView> history(String cluster, String name, PageRequest request) {
        ServiceEntity service = services.find(cluster, name);
        ContinueToken after = request.after();
        List<DeploymentEntity> rows = after == null ? deployments.findPageByService(service.getId(), request.probe())
                : deployments.findPageByServiceBefore(service.getId(), after.createdAt(), after.id(), request.probe());
        boolean more = rows.size() > request.limit();
        List<DeploymentEntity> page = more ? rows.subList(0, request.limit()) : rows;
        return new Page<>(views(page),
                more ? new ContinueToken(page.getLast().getCreatedAt(), page.getLast().getId()).encode() : null);
    }

    /** @throws org.springframework.web.server.ResponseStatusException 404 also when the service has no deployment */
    public RolloutView rollout(String cluster, String name) {
        ServiceEntity service = services.find(cluster, name);
        DeploymentEntity primary = deployments.findByServiceIdAndStatus(service.getId(), DeploymentStatus.PRIMARY)
                .orElseThrow(() -> ApiErrors.notFound("service \"" + name + "\" in cluster \"" + cluster
                        + "\" has no deployment yet"));
        DeploymentView d = views(List.of(primary)).getFirst();
        return new RolloutView(service.getName(), service.getCluster(), service.getDesiredCount(),
                primary.getRolloutState() != RolloutState.IN_PROGRESS,
                primary.getRolloutState() == RolloutState.COMPLETED, d.id(), d.taskDefinition(), d.status(),
                d.rolloutState(), d.reason(), d.trigger(), d.runningCount(), d.pendingCount(), d.failedTasks(),
                d.createdAt(), d.updatedAt(), d.finishedAt());
    }

    /** Running and pending counts come from one grouped query for all the rows. */
    List<DeploymentView> views(List<DeploymentEntity> rows) {
        Map<UUID, Counts> counts = counts(rows.stream().map(DeploymentEntity::getId).toList());
        return rows.stream().map(d -> {
            Counts c = counts.getOrDefault(d.getId(), Counts.NONE);
            return new DeploymentView(d.getId(), d.getTaskDefinition().toString(), d.getStatus().name(),
                    d.getRolloutState().name(), d.getRolloutReason(), d.getTrigger().name(), d.getDesiredCount(),
                    c.running(), c.pending(), deployments.countFailedTasks(d.getId()), d.getCreatedAt(),
                    d.getUpdatedAt(), d.getFinishedAt());
        }).toList();
    }

    /** As the service view counts: only tasks still wanted (desired RUNNING), RUNNING vs PROVISIONING/PENDING. */
    private Map<UUID, Counts> counts(Collection<UUID> ids) {
        Map<UUID, Counts> counts = new HashMap<>();
        if (ids.isEmpty()) {
            return counts;
        }
        for (WantedTaskCount row : deployments.countWantedTasks(ids)) {
            Counts add = switch (row.getLastStatus()) {
                case RUNNING -> new Counts(row.getTasks(), 0);
                case PROVISIONING, PENDING -> new Counts(0, row.getTasks());
                default -> Counts.NONE;
            };
            counts.merge(row.getDeploymentId(), add, Counts::plus);
        }
        return counts;
    }

    private record Counts(long running, long pending) {
        static final Counts NONE = new Counts(0, 0);

        Counts plus(Counts other) {
            return new Counts(running + other.running, pending + other.pending);
        }
    }
}
