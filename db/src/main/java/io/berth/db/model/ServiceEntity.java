package io.berth.db.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A service: keep desiredCount tasks of one task definition revision running in a cluster.
 * Named ServiceEntity so it does not clash with Spring's @Service.
 */
@Entity
@Table(name = "service")
public class ServiceEntity {

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private String cluster;

    @Column(nullable = false, updatable = false)
    private String name;

    /** As the user wrote it: "family" or "family:N". */
    @Column(name = "task_definition_ref", nullable = false)
    private String taskDefinitionRef;

    /** The revision the ref resolved to at apply time. */
    @Column(name = "task_family", nullable = false)
    private String taskFamily;

    @Column(name = "task_revision")
    private int taskRevision;

    @Column(name = "desired_count")
    private int desiredCount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ServiceStatus status;

    /** The applied spec JSON, compared on re-apply so that an unchanged apply is a no-op. */
    @Column(nullable = false)
    private String spec;

    /** JSON object of string to string. */
    @Column(nullable = false)
    private String labels = "{}";

    /** +1 on every spec change; the reconciler compares it with what it last acted on. */
    private long generation;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private Long version;

    /** When auto scaling last added tasks; null: never. Its cooldowns count from here. */
    @Column(name = "scaled_out_at")
    private Instant scaledOutAt;

    /** When auto scaling last removed tasks; null: never. */
    @Column(name = "scaled_in_at")
    private Instant scaledInAt;

    /** The scheduled scaling actions' states as JSON (see V28); null: none seen yet. */
    @Column(name = "scheduled_actions")
    private String scheduledActions;

    public String getScheduledActions() {
        return scheduledActions;
    }

    public void setScheduledActions(String scheduledActions) {
        this.scheduledActions = scheduledActions;
    }

    public Instant getScaledOutAt() {
        return scaledOutAt;
    }

    public void setScaledOutAt(Instant scaledOutAt) {
        this.scaledOutAt = scaledOutAt;
    }

    public Instant getScaledInAt() {
        return scaledInAt;
    }

    public void setScaledInAt(Instant scaledInAt) {
        this.scaledInAt = scaledInAt;
    }

    protected ServiceEntity() {
    }

    /** A new ACTIVE service at generation 1. */
    public ServiceEntity(String cluster, String name, String taskDefinitionRef, TaskDefinitionId taskDefinition,
            int desiredCount, String spec) {
        this.id = UUID.randomUUID();
        this.cluster = cluster;
        this.name = name;
        this.taskDefinitionRef = taskDefinitionRef;
        this.taskFamily = taskDefinition.family();
        this.taskRevision = taskDefinition.revision();
        this.desiredCount = desiredCount;
        this.status = ServiceStatus.ACTIVE;
        this.spec = spec;
        this.generation = 1;
    }

    @PrePersist
    void onPersist() {
        if (createdAt == null) {
            createdAt = DbClock.now();
        }
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = DbClock.now();
    }

    public UUID getId() {
        return id;
    }

    public String getCluster() {
        return cluster;
    }

    public String getName() {
        return name;
    }

    public String getTaskDefinitionRef() {
        return taskDefinitionRef;
    }

    public void setTaskDefinitionRef(String taskDefinitionRef) {
        this.taskDefinitionRef = taskDefinitionRef;
    }

    public TaskDefinitionId getTaskDefinition() {
        return new TaskDefinitionId(taskFamily, taskRevision);
    }

    public void setTaskDefinition(TaskDefinitionId taskDefinition) {
        this.taskFamily = taskDefinition.family();
        this.taskRevision = taskDefinition.revision();
    }

    public String getTaskFamily() {
        return taskFamily;
    }

    public int getTaskRevision() {
        return taskRevision;
    }

    public int getDesiredCount() {
        return desiredCount;
    }

    public void setDesiredCount(int desiredCount) {
        this.desiredCount = desiredCount;
    }

    public ServiceStatus getStatus() {
        return status;
    }

    public void setStatus(ServiceStatus status) {
        this.status = status;
    }

    public String getSpec() {
        return spec;
    }

    public void setSpec(String spec) {
        this.spec = spec;
    }

    public String getLabels() {
        return labels;
    }

    public void setLabels(String labels) {
        this.labels = labels;
    }

    public long getGeneration() {
        return generation;
    }

    public void setGeneration(long generation) {
        this.generation = generation;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Long getVersion() {
        return version;
    }
}
