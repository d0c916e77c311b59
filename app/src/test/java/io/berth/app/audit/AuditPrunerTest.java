package io.berth.app.audit;

import io.berth.db.repository.AuditEventRepository;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** One round of the retention job: batches at the cutoff until a short one, bounded per round, never throwing. */
class AuditPrunerTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final AuditEventRepository events = mock(AuditEventRepository.class);
    private final AuditProperties properties = new AuditProperties(Duration.ofDays(30), false, null, null, 100);
    private final AuditPruner pruner = new AuditPruner(events, properties, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void deletesInBatchesBeforeTheCutoffUntilABatchComesBackShort() {
        Instant cutoff = NOW.minus(Duration.ofDays(30));
        when(events.deleteOldestBefore(cutoff, 100)).thenReturn(100, 100, 7);

        assertThat(pruner.prune()).isEqualTo(207);
        verify(events, times(3)).deleteOldestBefore(cutoff, 100);
    }

    @Test
    void aRoundIsBoundedWhateverTheBacklog() {
        when(events.deleteOldestBefore(any(), anyInt())).thenReturn(100);

        assertThat(pruner.prune()).isEqualTo(100 * AuditPruner.MAX_BATCHES_PER_ROUND);
        verify(events, times(AuditPruner.MAX_BATCHES_PER_ROUND)).deleteOldestBefore(any(), anyInt());
    }

    @Test
    void aFailingDatabaseEndsTheRoundQuietly() {
        when(events.deleteOldestBefore(any(), anyInt())).thenReturn(100).thenThrow(new QueryTimeoutException("slow"));

        assertThat(pruner.prune()).isEqualTo(100);
    }
}
