package io.berth.db.repository;

import io.berth.db.model.ScheduledTaskEntity;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface ScheduledTaskRepository extends JpaRepository<ScheduledTaskEntity, UUID> {

    Optional<ScheduledTaskEntity> findByClusterAndName(String cluster, String name);

    /** One page by name: those after {@code after} ("" for the first page). */
    List<ScheduledTaskEntity> findByClusterAndNameGreaterThanOrderByName(String cluster, String after, Limit limit);

    /** Every scheduled task's id, for the firing pass (one row per scheduled task; bounded by what users apply). */
    @org.springframework.data.jpa.repository.Query("select s.id from ScheduledTaskEntity s order by s.id")
    List<UUID> findAllIds();
}
