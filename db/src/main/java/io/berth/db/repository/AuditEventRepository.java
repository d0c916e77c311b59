package io.berth.db.repository;

import io.berth.db.model.AuditEventEntity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail. Append-only: rows are saved (one INSERT each) and read; the only delete is
 * {@link #deleteOldestBefore}, the retention job's. An UPDATE is refused by the database itself (V23).
 */
public interface AuditEventRepository extends JpaRepository<AuditEventEntity, UUID> {

    /**
     * A page of events, newest first, keyset-paged on ({@code occurredAt}, {@code id}); every filter is optional
     * (null = any).
     *
     * @param afterAt the key of the previous page's last event, with {@code afterId}; null on the first page
     */
    @Query("""
            select e from AuditEventEntity e
             where (cast(:since as Instant) is null or e.occurredAt >= :since)
               and (cast(:until as Instant) is null or e.occurredAt < :until)
               and (cast(:caller as String) is null or e.caller = :caller)
               and (cast(:kind as String) is null or e.kind = :kind)
               and (cast(:cluster as String) is null or e.cluster = :cluster)
               and (cast(:afterAt as Instant) is null or e.occurredAt < :afterAt
                    or (e.occurredAt = :afterAt and e.id < :afterId))
             order by e.occurredAt desc, e.id desc""")
    List<AuditEventEntity> findNewest(Instant since, Instant until, String caller, String kind, String cluster,
                                      Instant afterAt, UUID afterId, Limit limit);

    /**
     * Deletes at most {@code batch} of the oldest events that occurred before {@code cutoff}; returns how many went.
     * Bounded, so that one call never holds a long transaction over a big backlog: the caller repeats.
     */
    @Transactional
    @Modifying
    @Query(nativeQuery = true, value = """
            delete from audit_event
             where id in (select id from audit_event where occurred_at < :cutoff
                           order by occurred_at limit :batch)""")
    int deleteOldestBefore(Instant cutoff, int batch);
}
