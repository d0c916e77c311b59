package io.berth.db.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * One line of the audit trail: who did what, when, from where, and how it was answered. Written once (a database
 * trigger refuses updates) and deleted only by the retention job. Persistable and always new, so that saving it is
 * exactly one INSERT (an assigned id would otherwise make Spring Data look the row up first).
 */
@Entity
@Table(name = "audit_event")
public class AuditEventEntity implements Persistable<UUID> {

    @Id
    private UUID id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(name = "request_id", nullable = false, updatable = false)
    private String requestId;

    @Column(nullable = false, updatable = false)
    private String caller;

    @Column(name = "caller_source", updatable = false)
    private String callerSource;

    @Column(nullable = false, updatable = false)
    private String verb;

    @Column(nullable = false, updatable = false)
    private String resource;

    @Column(updatable = false)
    private String kind;

    @Column(updatable = false)
    private String cluster;

    @Column(updatable = false)
    private String name;

    @Column(updatable = false)
    private String subresource;

    @Column(updatable = false)
    private String documents;

    @Column(name = "body_sha256", updatable = false)
    private String bodySha256;

    @Column(name = "remote_address", updatable = false)
    private String remoteAddress;

    @Column(nullable = false, updatable = false)
    private int status;

    @Column(name = "exec_command", updatable = false)
    private String execCommand;

    @Column(name = "exec_started_at", updatable = false)
    private Instant execStartedAt;

    @Column(name = "exec_duration_ms", updatable = false)
    private Long execDurationMs;

    @Column(name = "exec_exit_code", updatable = false)
    private Integer execExitCode;

    @Column(name = "exec_end", updatable = false)
    private String execEnd;

    @Transient
    private boolean fresh;

    protected AuditEventEntity() {
    }

    /**
     * @param documents apply's documents as {@code Kind/name}, one per line; null for other requests
     */
    public AuditEventEntity(UUID id, Instant occurredAt, String requestId, String caller, String callerSource,
                            String verb, String resource, String kind, String cluster, String name,
                            String subresource, String documents, String bodySha256, String remoteAddress,
                            int status) {
        this.id = id;
        // PostgreSQL keeps microseconds: truncated here, the instant read back equals the one written.
        this.occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        this.requestId = requestId;
        this.caller = caller;
        this.callerSource = callerSource;
        this.verb = verb;
        this.resource = resource;
        this.kind = kind;
        this.cluster = cluster;
        this.name = name;
        this.subresource = subresource;
        this.documents = documents;
        this.bodySha256 = bodySha256;
        this.remoteAddress = remoteAddress;
        this.status = status;
        this.fresh = true;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getRequestId() {
        return requestId;
    }

    public String getCaller() {
        return caller;
    }

    public String getCallerSource() {
        return callerSource;
    }

    public String getVerb() {
        return verb;
    }

    public String getResource() {
        return resource;
    }

    public String getKind() {
        return kind;
    }

    public String getCluster() {
        return cluster;
    }

    public String getName() {
        return name;
    }

    public String getSubresource() {
        return subresource;
    }

    public String getDocuments() {
        return documents;
    }

    public String getBodySha256() {
        return bodySha256;
    }

    public String getRemoteAddress() {
        return remoteAddress;
    }

    public int getStatus() {
        return status;
    }

    /**
     * An exec session's facts, set before the row is first saved.
     *
     * @param command the command as a JSON array of strings
     * @param exitCode null when the session ended before the command
     * @param end why it ended when not by the command's exit; null otherwise
     */
    public AuditEventEntity withExec(String command, Instant startedAt, long durationMs, Integer exitCode, String end) {
        this.execCommand = command;
        this.execStartedAt = startedAt.truncatedTo(ChronoUnit.MICROS);
        this.execDurationMs = durationMs;
        this.execExitCode = exitCode;
        this.execEnd = end;
        return this;
    }

    public String getExecCommand() {
        return execCommand;
    }

    public Instant getExecStartedAt() {
        return execStartedAt;
    }

    public Long getExecDurationMs() {
        return execDurationMs;
    }

    public Integer getExecExitCode() {
        return execExitCode;
    }

    public String getExecEnd() {
        return execEnd;
    }
}
