package io.berth.app.api;

import io.berth.app.api.dto.AuditEventView;
import io.berth.db.model.AuditEventEntity;
import io.berth.db.repository.AuditEventRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Pages of the audit trail, newest first. Reads only: the trail has no update or delete in the API. */
@Service
class AuditViews {

    private final AuditEventRepository events;

    AuditViews(AuditEventRepository events) {
        this.events = events;
    }

    @Transactional(readOnly = true)
    Page<AuditEventView> page(Instant since, Instant until, String who, String kind, String cluster, PageRequest page) {
        ContinueToken after = page.after();
        List<AuditEventEntity> rows = events.findNewest(since, until, who, kind, cluster,
                after == null ? null : after.createdAt(), after == null ? null : after.id(), page.probe());
        return Page.of(rows, page.limit(), AuditViews::view,
                e -> new ContinueToken(e.getOccurredAt(), e.getId()).encode());
    }

    static AuditEventView view(AuditEventEntity e) {
        List<String> documents = e.getDocuments() == null ? null : Arrays.asList(e.getDocuments().split("\n"));
        return new AuditEventView(e.getId().toString(), e.getOccurredAt(), e.getRequestId(), e.getCaller(),
                e.getCallerSource(), e.getVerb(), e.getResource(), e.getKind(), e.getCluster(), e.getName(),
                e.getSubresource(), documents, e.getBodySha256(), e.getRemoteAddress(), e.getStatus(), exec(e));
    }

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private static AuditEventView.ExecSessionView exec(AuditEventEntity e) {
        if (e.getExecStartedAt() == null) {
            return null;
        }
        List<String> command = new java.util.ArrayList<>();
        JSON.readTree(e.getExecCommand() == null ? "[]" : e.getExecCommand()).forEach(n -> command.add(n.asString()));
        return new AuditEventView.ExecSessionView(command, e.getExecStartedAt(),
                e.getExecDurationMs() == null ? 0 : e.getExecDurationMs(), e.getExecExitCode(), e.getExecEnd());
    }
}
