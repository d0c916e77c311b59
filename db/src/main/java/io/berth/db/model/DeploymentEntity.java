package io.berth.db.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** One rollout of a task-definition revision for a service. */
@Entity
@Table(name = "deployment")
public class DeploymentEntity {

    @Id
    private UUID id;

    @Column(name = "service_id", nullable = false, updatable = false)
    private UUID serviceId;

    @Column(name = "task_family", nullable = false, updatable = false)
    private String taskFamily;

    @Column(name = "task_revision", updatable = false)
    private int taskRevision;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DeploymentStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "rollout_state", nullable = false)
    private RolloutState rolloutState;

    @Column(name = "rollout_reason")
    private String rolloutReason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private DeploymentTrigger trigger;

    @Column(name = "desired_count")
    private int desiredCount;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Version
    private Long version;

    protected DeploymentEntity() {
    }

    /** A new PRIMARY deployment, IN_PROGRESS. */
    public DeploymentEntity(UUID serviceId, TaskDefinitionId taskDefinition, DeploymentTrigger trigger, int desiredCount,
                            Instant now) {
        this.id = UUID.randomUUID();
        this.serviceId = serviceId;
        this.taskFamily = taskDefinition.family();
        this.taskRevision = taskDefinition.revision();
        this.status = DeploymentStatus.PRIMARY;
        this.rolloutState = RolloutState.IN_PROGRESS;
        this.trigger = trigger;
        this.desiredCount = desiredCount;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = this.createdAt;
    }

    /** Ends the rollout: COMPLETED, FAILED or ROLLED_BACK, with the reason users read. */
    public void finish(RolloutState state, String reason, Instant now) {
        this.rolloutState = state;
        this.rolloutReason = reason;
        this.finishedAt = now.truncatedTo(ChronoUnit.MICROS);
        touch(now);
    }

    public void setStatus(DeploymentStatus status, Instant now) {
        this.status = status;
        touch(now);
    }

    public void setDesiredCount(int desiredCount, Instant now) {
        this.desiredCount = desiredCount;
        touch(now);
    }

    private void touch(Instant now) {
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    public UUID getId() {
        return id;
    }

    public UUID getServiceId() {
        return serviceId;
    }

    public TaskDefinitionId getTaskDefinition() {
        return new TaskDefinitionId(taskFamily, taskRevision);
    }

    public DeploymentStatus getStatus() {
        return status;
    }

    public RolloutState getRolloutState() {
        return rolloutState;
    }

    public String getRolloutReason() {
        return rolloutReason;
    }

    public DeploymentTrigger getTrigger() {
        return trigger;
    }

    public int getDesiredCount() {
        return desiredCount;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Long getVersion() {
        return version;
    }
}
