package io.berth.app.audit;

import io.berth.db.model.AuditEventEntity;
import io.berth.db.repository.AuditEventRepository;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.dao.DataAccessResourceFailureException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** One insert per event; a failed insert is counted, never thrown into the request. */
class AuditRecorderTest {

    private final AuditEventRepository repository = mock(AuditEventRepository.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AuditRecorder recorder = new AuditRecorder(repository, AuditProperties.defaults(),
            JsonMapper.builder().build(), meters);

    private static AuditEvent event() {
        return new AuditEvent(Instant.parse("2026-12-07T12:00:00Z"), "req-1", "admin", "ADMIN_TOKEN", "POST",
                "/v1/apply", new AuditRoute("apply", null, null, null), List.of("Service/prod/web"), "ab12",
                "10.0.0.1", 200);
    }

    @Test
    void storesTheEventAsOneRow() {
        recorder.record(event());

        ArgumentCaptor<AuditEventEntity> saved = ArgumentCaptor.forClass(AuditEventEntity.class);
        verify(repository).save(saved.capture());
        assertThat(saved.getValue().isNew()).isTrue();
        assertThat(saved.getValue().getDocuments()).isEqualTo("Service/prod/web");
        assertThat(saved.getValue().getKind()).isEqualTo("apply");
        assertThat(failures()).isZero();
    }

    @Test
    void aFailedWriteIsCountedAndSwallowed() {
        when(repository.save(any())).thenThrow(new DataAccessResourceFailureException("database down"));

        recorder.record(event());
        recorder.record(event());

        assertThat(failures()).isEqualTo(2);
    }

    @Test
    void theJsonLineNamesWhoWhatWhenAndWhere() {
        assertThat(AuditRecorder.fields(event())).containsEntry("user", "admin").containsEntry("verb", "POST")
                .containsEntry("resource", "/v1/apply").containsEntry("sourceAddress", "10.0.0.1")
                .containsEntry("status", 200).containsEntry("time", "2026-12-07T12:00:00Z")
                .doesNotContainKey("cluster");
    }

    private double failures() {
        return meters.get("berth.audit.write.failures").counter().count();
    }
}
