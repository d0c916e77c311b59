package io.berth.db.repository;

import org.springframework.data.domain.Limit;

import io.berth.db.model.DesiredStatus;
import io.berth.db.model.LastStatus;
import io.berth.db.model.TaskEntity;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * Every finder returning tasks fetches their containers in the same query ({@code left join fetch}), because the
 * reconciler and the API always look at them: no N+1. Written as JPQL rather than derived queries with an
 * {@code @EntityGraph}: Hibernate does not cache the SQL translation of a query with an applied entity graph, and
 * translating these again on every call was a quarter of a reconcile pass's CPU time (JFR, rolling benchmark).
 * The inherited findById/findAll do not; use {@link #findWithContainersById} instead.
 */
public interface TaskRepository extends JpaRepository<TaskEntity, UUID> {

    @Query("select t from TaskEntity t left join fetch t.containers where t.id = :id")
    Optional<TaskEntity> findWithContainersById(UUID id);

    @Query("select t from TaskEntity t left join fetch t.containers where t.serviceId = :serviceId order by t.createdAt")
    List<TaskEntity> findByServiceIdOrderByCreatedAt(UUID serviceId);

    @Query("select t from TaskEntity t left join fetch t.containers where t.serviceId = :serviceId and t.desiredStatus = :desiredStatus order by t.createdAt")
    List<TaskEntity> findByServiceIdAndDesiredStatusOrderByCreatedAt(UUID serviceId, DesiredStatus desiredStatus);

    @Query("select t from TaskEntity t left join fetch t.containers where t.cluster = :cluster order by t.createdAt")
    List<TaskEntity> findByClusterOrderByCreatedAt(String cluster);

    /**
     * Tasks placed on an instance that are not STOPPED (they hold its resources). The status is a
     * literal, not a parameter, so that PostgreSQL can use the partial index task_instance_idx.
     */
    @Query("select t from TaskEntity t left join fetch t.containers where t.containerInstanceId = :instanceId"
            + " and t.lastStatus <> io.berth.db.model.LastStatus.STOPPED order by t.createdAt")
    List<TaskEntity> findNotStoppedByContainerInstanceId(UUID instanceId);

    long countByServiceIdAndLastStatus(UUID serviceId, LastStatus lastStatus);

    /** The service's running count: tasks last seen RUNNING. */
    default long countRunningByServiceId(UUID serviceId) {
        return countByServiceIdAndLastStatus(serviceId, LastStatus.RUNNING);
    }

    /** For the cluster list's runningTasks. */
    long countByClusterAndLastStatus(String cluster, LastStatus lastStatus);

    long countByLastStatus(LastStatus lastStatus);

    /** A service's running/pending counts: tasks it still wants (desired RUNNING) by what they last were. */
    long countByServiceIdAndDesiredStatusAndLastStatusIn(UUID serviceId, DesiredStatus desiredStatus,
            Collection<LastStatus> lastStatuses);

    /** A service's tasks that are not STOPPED: the ones its passes act on. */
    @Query("select t from TaskEntity t left join fetch t.containers where t.serviceId = :serviceId"
            + " and t.lastStatus <> io.berth.db.model.LastStatus.STOPPED order by t.createdAt")
    List<TaskEntity> findNotStoppedByServiceId(UUID serviceId);

    /**
     * Ids of a service's newest stopped tasks (the crash-loop backoff reads them). Ids first, then
     * {@link #findWithContainersByIdIn}: a limit on a query that fetches a collection would be applied in memory.
     */
    @Query("select t.id from TaskEntity t where t.serviceId = :serviceId"
            + " and t.lastStatus = io.berth.db.model.LastStatus.STOPPED order by t.stoppedAt desc")
    List<UUID> findRecentStoppedIds(UUID serviceId, Limit limit);

    /**
     * Keyset pages of the task list, newest first: ids of a cluster's (or a service's) tasks older than the key
     * ({@code createdAt}, {@code id}) of the previous page's last task; no OFFSET, so the 100th page costs what the
     * first does. Ids first, then {@link #findWithContainersByIdIn}, as above.
     */
    @Query("select t.id from TaskEntity t where t.cluster = :cluster order by t.createdAt desc, t.id desc")
    List<UUID> findNewestIdsByCluster(String cluster, Limit limit);

    @Query("select t.id from TaskEntity t where t.cluster = :cluster and (t.createdAt < :createdAt"
            + " or (t.createdAt = :createdAt and t.id < :id)) order by t.createdAt desc, t.id desc")
    List<UUID> findNewestIdsByClusterBefore(String cluster, Instant createdAt, UUID id, Limit limit);

    @Query("select t.id from TaskEntity t where t.serviceId = :serviceId order by t.createdAt desc, t.id desc")
    List<UUID> findNewestIdsByService(UUID serviceId, Limit limit);

    @Query("select t.id from TaskEntity t where t.serviceId = :serviceId and (t.createdAt < :createdAt"
            + " or (t.createdAt = :createdAt and t.id < :id)) order by t.createdAt desc, t.id desc")
    List<UUID> findNewestIdsByServiceBefore(UUID serviceId, Instant createdAt, UUID id, Limit limit);

    @Query("select t from TaskEntity t left join fetch t.containers where t.id in :ids")
    List<TaskEntity> findWithContainersByIdIn(Collection<UUID> ids);

    /** Every task of a cluster that holds resources: what placement must respect. */
    @Query("select t from TaskEntity t left join fetch t.containers where t.cluster = :cluster"
            + " and t.lastStatus <> io.berth.db.model.LastStatus.STOPPED order by t.createdAt")
    List<TaskEntity> findNotStoppedByCluster(String cluster);

    /** Ids of the standalone (run-task) tasks that are not STOPPED: what the one-off reconciler's resync walks. */
    @Query("select t.id from TaskEntity t where t.serviceName is null"
            + " and t.lastStatus <> io.berth.db.model.LastStatus.STOPPED")
    List<UUID> findNotStoppedStandaloneIds();

    /** Ids of tasks STOPPED before {@code cutoff}, oldest first: the retention of task records. */
    @Query("select t.id from TaskEntity t where t.lastStatus = io.berth.db.model.LastStatus.STOPPED"
            + " and t.stoppedAt < :cutoff order by t.stoppedAt")
    List<UUID> findStoppedBefore(java.time.Instant cutoff, Limit limit);
}
