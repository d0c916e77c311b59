package io.berth.db.repository;

import io.berth.db.model.ServiceEventEntity;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface ServiceEventRepository extends JpaRepository<ServiceEventEntity, Long> {

    /** The newest events first, at most limit of them. */
    List<ServiceEventEntity> findByServiceIdOrderByIdDesc(UUID serviceId, Limit limit);

    default List<ServiceEventEntity> findLatest(UUID serviceId, int limit) {
        return findByServiceIdOrderByIdDesc(serviceId, Limit.of(limit));
    }

    /**
     * Deletes all but the newest keep events of a service; returns how many went. The sub-select
     * finds the newest event that must go (null, so nothing is deleted, when there are at most keep),
     * walking the index service_event_service_idx backwards.
     */
    @Transactional
    @Modifying
    @Query(nativeQuery = true, value = """
            delete from service_event
             where service_id = :serviceId
               and id <= (select id from service_event where service_id = :serviceId
                           order by id desc offset :keep limit 1)""")
    int deleteAllButNewest(UUID serviceId, int keep);
}
