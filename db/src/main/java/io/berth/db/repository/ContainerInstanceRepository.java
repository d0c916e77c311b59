package io.berth.db.repository;

import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.InstanceStatus;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ContainerInstanceRepository extends JpaRepository<ContainerInstanceEntity, UUID> {

    List<ContainerInstanceEntity> findByClusterOrderByCreatedAt(String cluster);

    /** Keyset pages of a cluster's instances, oldest first, after the key of the previous page's last. */
    @Query("select i from ContainerInstanceEntity i where i.cluster = :cluster order by i.createdAt, i.id")
    List<ContainerInstanceEntity> findPageByCluster(String cluster, Limit limit);

    @Query("select i from ContainerInstanceEntity i where i.cluster = :cluster and (i.createdAt > :createdAt"
            + " or (i.createdAt = :createdAt and i.id > :id)) order by i.createdAt, i.id")
    List<ContainerInstanceEntity> findPageByClusterAfter(String cluster, java.time.Instant createdAt, UUID id, Limit limit);

    List<ContainerInstanceEntity> findByClusterAndStatusOrderByCreatedAt(String cluster, InstanceStatus status);

    /** Unique (constraint container_instance_endpoint_unique): registering a host twice finds it. */
    Optional<ContainerInstanceEntity> findByClusterAndEndpoint(String cluster, String endpoint);

    /**
     * Creates the row of a host registered for the first time: ACTIVE, not yet connected, all of it remaining; 0 when
     * the cluster already has that endpoint. Two registrations of one endpoint at once both get the row this way:
     * the second insert waits for the first one's commit and then does nothing (a plain insert of a row read as
     * missing would break the unique constraint instead). The caller then reads the row and writes the rest.
     */
    @Modifying(flushAutomatically = true)
    @Query(value = "insert into container_instance (id, cluster, endpoint, status, connected, registered_cpu, "
            + "registered_memory, remaining_cpu, remaining_memory, attributes, created_at, updated_at, insecure) "
            + "values (:id, :cluster, :endpoint, 'ACTIVE', false, :cpu, :memory, :cpu, :memory, '{}', :now, :now, false) "
            + "on conflict (cluster, endpoint) do nothing", nativeQuery = true)
    int insertIfAbsent(@Param("id") UUID id, @Param("cluster") String cluster, @Param("endpoint") String endpoint,
                       @Param("cpu") int registeredCpu, @Param("memory") int registeredMemory,
                       @Param("now") java.time.Instant now);

    /** For the cluster list's registeredInstances: ACTIVE and DRAINING count, INACTIVE (deregistered) does not. */
    long countByClusterAndStatusNot(String cluster, InstanceStatus status);

    /**
     * Claims the right to place tasks on an instance whose placement version was {@code expected} when its load was
     * read: 1 when claimed (the version moves on), 0 when another placement claimed it first. Under READ COMMITTED
     * a concurrent claim waits for the first one's commit and then finds the version moved: exactly one wins.
     */
    @Modifying(flushAutomatically = true)
    @Query(value = "update container_instance set placement_version = placement_version + 1 "
            + "where id = :id and placement_version = :expected", nativeQuery = true)
    int claimPlacement(@Param("id") UUID id, @Param("expected") long expected);

    /**
     * Moves the placement version on without placing anything, for a change placement depends on (the instance's
     * status): a pass that read the instance before fails its claim and plans again on what it reads next. Takes the
     * row's lock until the transaction ends, so a claim in flight commits first, and the caller's own read of the row
     * after this sees every write committed before it.
     */
    @Modifying(flushAutomatically = true)
    @Query(value = "update container_instance set placement_version = placement_version + 1 where id = :id",
            nativeQuery = true)
    int invalidatePlacements(@Param("id") UUID id);

    /**
     * Locks the row until the transaction ends, waiting for a placement claim in flight to commit. A statement run
     * after it (READ COMMITTED: a snapshot per statement) sees that placement's tasks; one that itself waited for the
     * lock would not — PostgreSQL re-checks only the row it waited for, and reads the other tables as they were.
     */
    @Query(value = "select id from container_instance where id = :id for update", nativeQuery = true)
    List<UUID> lockForUpdate(@Param("id") UUID id);

    /**
     * The instance pass's periodic recount of remaining CPU and memory, written only while the placement version is
     * still the one read before the reservations it summed (a placement since then took its own share off exactly,
     * and the next pass counts again); 0 when skipped or already equal. Plain SQL: no version conflict with the
     * row's other writers.
     */
    @Modifying(flushAutomatically = true)
    @Query(value = "update container_instance set remaining_cpu = :cpu, remaining_memory = :memory "
            + "where id = :id and placement_version = :expected and (remaining_cpu <> :cpu or remaining_memory <> :memory)",
            nativeQuery = true)
    int recordRemaining(@Param("id") UUID id, @Param("expected") long expectedPlacementVersion, @Param("cpu") int cpu,
                        @Param("memory") int memory);

    /**
     * Remaining CPU and memory = registered minus what the instance's tasks that are not STOPPED reserve: kept in
     * step with the tasks placed there (after a placement) and freed when they stop.
     */
    @Modifying(flushAutomatically = true)
    @Query(value = "update container_instance ci set "
            + "remaining_cpu = ci.registered_cpu - coalesce((select sum(t.reserved_cpu) from task t "
            + "where t.container_instance_id = ci.id and t.last_status <> 'STOPPED'), 0), "
            + "remaining_memory = ci.registered_memory - coalesce((select sum(t.reserved_memory) from task t "
            + "where t.container_instance_id = ci.id and t.last_status <> 'STOPPED'), 0) "
            + "where ci.id = :id", nativeQuery = true)
    int recomputeRemaining(@Param("id") UUID id);

    /** {@link #recomputeRemaining} after {@link #lockForUpdate}: counts the tasks of a placement that was in flight. */
    default int recomputeRemainingLocked(UUID id) {
        lockForUpdate(id);
        return recomputeRemaining(id);
    }
}
