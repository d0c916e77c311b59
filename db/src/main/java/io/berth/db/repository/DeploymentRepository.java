package io.berth.db.repository;

import io.berth.db.model.DeploymentEntity;
import io.berth.db.model.DeploymentStatus;
import io.berth.db.model.RolloutState;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface DeploymentRepository extends JpaRepository<DeploymentEntity, UUID> {

    /** The history, newest first. */
    List<DeploymentEntity> findByServiceIdOrderByCreatedAtDesc(UUID serviceId);

    Optional<DeploymentEntity> findByServiceIdAndStatus(UUID serviceId, DeploymentStatus status);

    List<DeploymentEntity> findByServiceIdAndStatusIn(UUID serviceId, Collection<DeploymentStatus> statuses);

    /** What a rollback goes back to: the newest deployment that completed. */
    Optional<DeploymentEntity> findFirstByServiceIdAndRolloutStateOrderByCreatedAtDesc(UUID serviceId, RolloutState state);

    /** Tasks of the deployment that failed to start or whose essential container exited: what the circuit breaker counts. */
    @Query("select count(t) from TaskEntity t where t.deploymentId = :deploymentId"
            + " and t.lastStatus = io.berth.db.model.LastStatus.STOPPED"
            + " and t.stopCode in ('TaskFailedToStart', 'EssentialContainerExited')")
    int countFailedTasks(UUID deploymentId);
}
