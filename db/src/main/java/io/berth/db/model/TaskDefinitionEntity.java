package io.berth.db.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import org.springframework.data.domain.Persistable;

/**
 * An immutable revision of a task definition family; only its status changes (deregistration).
 * The table has no version column, so the row is last-writer-wins for status, which is harmless.
 */
@Entity
@Table(name = "task_definition")
@IdClass(TaskDefinitionId.class)
public class TaskDefinitionEntity implements Persistable<TaskDefinitionId> {

    @Id
    private String family;

    @Id
    private int revision;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TaskDefinitionStatus status;

    /** JSON of the reconciler's TaskDefinitionSpec. */
    @Column(nullable = false, updatable = false)
    private String spec;

    /** sha-256 (hex) of the canonical spec JSON, to make registering the same spec twice idempotent. */
    @Column(name = "spec_hash", nullable = false, updatable = false)
    private String specHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    // The key is assigned and there is no version: without this, save() would merge (select + insert).
    @Transient
    private boolean isNew = true;

    protected TaskDefinitionEntity() {
    }

    public TaskDefinitionEntity(String family, int revision, String spec, String specHash) {
        this.family = family;
        this.revision = revision;
        this.status = TaskDefinitionStatus.ACTIVE;
        this.spec = spec;
        this.specHash = specHash;
    }

    @PrePersist
    void onPersist() {
        if (createdAt == null) {
            createdAt = DbClock.now();
        }
    }

    @PostPersist
    @PostLoad
    void markNotNew() {
        isNew = false;
    }

    @Override
    public TaskDefinitionId getId() {
        return new TaskDefinitionId(family, revision);
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    public String getFamily() {
        return family;
    }

    public int getRevision() {
        return revision;
    }

    public TaskDefinitionStatus getStatus() {
        return status;
    }

    public void setStatus(TaskDefinitionStatus status) {
        this.status = status;
    }

    public String getSpec() {
        return spec;
    }

    public String getSpecHash() {
        return specHash;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
