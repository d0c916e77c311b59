package io.berth.db.repository;

import io.berth.db.model.DeploymentEntity;
import io.berth.db.model.DeploymentStatus;
import io.berth.db.model.LastStatus;
import io.berth.db.model.RolloutState;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface DeploymentRepository extends JpaRepository<DeploymentEntity, UUID> {

    /** The history, newest first. */
    List<DeploymentEntity> findByServiceIdOrderByCreatedAtDesc(UUID serviceId);

    /** Keyset pages of the history, newest first, before the key of the previous page's last. */
    @Query("select d from DeploymentEntity d where d.serviceId = :serviceId order by d.createdAt desc, d.id desc")
    List<DeploymentEntity> findPageByService(UUID serviceId, Limit limit);

    @Query("select d from DeploymentEntity d where d.serviceId = :serviceId and (d.createdAt < :createdAt"
            + " or (d.createdAt = :createdAt and d.id < :id)) order by d.createdAt desc, d.id desc")
    List<DeploymentEntity> findPageByServiceBefore(UUID serviceId, java.time.Instant createdAt, UUID id, Limit limit);

    Optional<DeploymentEntity> findByServiceIdAndStatus(UUID serviceId, DeploymentStatus status);

    List<DeploymentEntity> findByServiceIdAndStatusIn(UUID serviceId, Collection<DeploymentStatus> statuses);

    /** What a rollback goes back to: the newest deployment that completed. */
    Optional<DeploymentEntity> findFirstByServiceIdAndRolloutStateOrderByCreatedAtDesc(UUID serviceId, RolloutState state);

    /**
     * Tasks of the deployment that failed to start, whose essential container exited, or that were stopped for
     * failing their container or load balancer health checks: what the circuit breaker counts.
     */
    @Query("select count(t) from TaskEntity t where t.deploymentId = :deploymentId"
            + " and t.lastStatus = io.berth.db.model.LastStatus.STOPPED"
            + " and t.stopCode in ('TaskFailedToStart', 'EssentialContainerExited', 'TaskFailedHealthChecks',"
            + " 'TaskFailedElbHealthChecks')")
    int countFailedTasks(UUID deploymentId);

    /** Deployments in a rollout state, for the metrics: a small table, counted at scrape time. */
    long countByRolloutState(RolloutState state);

    /** Completed deployments, newest first: a manual rollback picks the first of another revision. */
    List<DeploymentEntity> findByServiceIdAndRolloutStateOrderByCreatedAtDesc(UUID serviceId, RolloutState state);

    /**
     * Tasks still wanted (desired RUNNING) of the given deployments, counted by last status, in one query:
     * the API's running and pending counts per deployment without a query per deployment and status.
     */
    @Query("select t.deploymentId as deploymentId, t.lastStatus as lastStatus, count(t) as tasks"
            + " from TaskEntity t where t.deploymentId in :deploymentIds"
            + " and t.desiredStatus = io.berth.db.model.DesiredStatus.RUNNING"
            + " group by t.deploymentId, t.lastStatus")
    List<WantedTaskCount> countWantedTasks(Collection<UUID> deploymentIds);

    interface WantedTaskCount {
        UUID getDeploymentId();

        LastStatus getLastStatus();

        long getTasks();
    }
}
