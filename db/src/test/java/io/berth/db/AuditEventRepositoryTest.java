package io.berth.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.db.model.AuditEventEntity;
import io.berth.db.repository.AuditEventRepository;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit trail on real PostgreSQL: one insert per event, keyset pages, the append-only trigger, batch pruning. */
class AuditEventRepositoryTest extends DbTestSupport {

    @Autowired
    private AuditEventRepository audit;
    @Autowired
    private JdbcTemplate jdbc;

    /** Events of a caller of its own (tests share the database), at t0 + i seconds. */
    private List<AuditEventEntity> saveEvents(String caller, String cluster, Instant t0, int count) {
        for (int i = 0; i < count; i++) {
            audit.save(event(caller, cluster, t0.plusSeconds(i), i % 2 == 0 ? "services" : "tasks"));
        }
        return audit.findNewest(null, null, caller, null, null, null, null, Limit.of(1000));
    }

    private static AuditEventEntity event(String caller, String cluster, Instant at, String kind) {
        return new AuditEventEntity(UUID.randomUUID(), at, UUID.randomUUID().toString(), caller, "ADMIN_TOKEN",
                "POST", "/v1/clusters/{cluster}/" + kind, kind, cluster, "web", null, null, null, "10.0.0.1", 201);
    }

    @Test
    void pagesNewestFirstWithFilters() {
        String caller = unique("alice");
        String cluster = unique("c");
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        List<AuditEventEntity> all = saveEvents(caller, cluster, t0, 5);

        assertThat(all).extracting(AuditEventEntity::getOccurredAt)
                .containsExactly(t0.plusSeconds(4), t0.plusSeconds(3), t0.plusSeconds(2), t0.plusSeconds(1), t0);
        List<AuditEventEntity> first = audit.findNewest(null, null, caller, null, null, null, null, Limit.of(2));
        AuditEventEntity last = first.getLast();
        List<AuditEventEntity> second = audit.findNewest(null, null, caller, null, null, last.getOccurredAt(),
                last.getId(), Limit.of(2));
        assertThat(second).extracting(AuditEventEntity::getOccurredAt).containsExactly(t0.plusSeconds(2), t0.plusSeconds(1));

        assertThat(audit.findNewest(t0.plusSeconds(1), t0.plusSeconds(3), caller, null, null, null, null, Limit.of(10)))
                .extracting(AuditEventEntity::getOccurredAt).containsExactly(t0.plusSeconds(2), t0.plusSeconds(1));
        assertThat(audit.findNewest(null, null, caller, "tasks", cluster, null, null, Limit.of(10))).hasSize(2);
        assertThat(audit.findNewest(null, null, caller, null, "other-" + cluster, null, null, Limit.of(10))).isEmpty();
        AuditEventEntity read = all.getFirst();
        assertThat(read.getRemoteAddress()).isEqualTo("10.0.0.1");
        assertThat(read.getStatus()).isEqualTo(201);
        assertThat(read.getCallerSource()).isEqualTo("ADMIN_TOKEN");
    }

    @Test
    void savingIsOneInsert() {
        var statistics = freshStatistics();
        audit.save(event(unique("bob"), "c", Instant.now(), "services"));
        assertThat(statistics.getPrepareStatementCount()).isEqualTo(1);
    }

    @Test
    void rowsCannotBeUpdatedEvenBySql() {
        String caller = unique("carol");
        AuditEventEntity saved = audit.save(event(caller, "c", Instant.parse("2026-03-01T10:00:00Z"), "services"));

        assertThatThrownBy(() -> jdbc.update("update audit_event set caller = 'someone-else' where id = ?", saved.getId()))
                .rootCause().hasMessageContaining("append-only");
        assertThat(audit.findById(saved.getId()).orElseThrow().getCaller()).isEqualTo(caller);
    }

    @Test
    void pruningDeletesOnlyOlderEventsInBoundedBatches() {
        String caller = unique("dave");
        // Far in the past, so that no other test's events are older than the cutoff used here.
        Instant t0 = Instant.parse("1999-01-01T00:00:00Z");
        saveEvents(caller, "c", t0, 7);
        Instant cutoff = t0.plusSeconds(5); // events 0..4 are older

        assertThat(audit.deleteOldestBefore(cutoff, 2)).isEqualTo(2);
        assertThat(audit.deleteOldestBefore(cutoff, 2)).isEqualTo(2);
        assertThat(audit.deleteOldestBefore(cutoff, 2)).isEqualTo(1);
        assertThat(audit.deleteOldestBefore(cutoff, 2)).isZero();
        assertThat(audit.findNewest(null, null, caller, null, null, null, null, Limit.of(10)))
                .extracting(e -> e.getOccurredAt().truncatedTo(ChronoUnit.SECONDS))
                .containsExactly(t0.plusSeconds(6), t0.plusSeconds(5));
    }
}
