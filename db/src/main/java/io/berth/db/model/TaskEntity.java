package io.berth.db.model;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One placement of a task definition revision on a container instance, with its containers.
 * Foreign keys are plain ids, not associations: the reconciler works with ids, and nothing is
 * lazily loaded behind its back. Load tasks through the TaskRepository methods that fetch containers.
 */
@Entity
@Table(name = "task")
public class TaskEntity {

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private String cluster;

    /** Null for a standalone task, or once its service was deleted (on delete set null). */
    @Column(name = "service_id")
    private UUID serviceId;

    @Column(name = "service_name")
    private String serviceName;

    @Column(name = "task_family", nullable = false, updatable = false)
    private String taskFamily;

    @Column(name = "task_revision", updatable = false)
    private int taskRevision;

    @Column(name = "container_instance_id")
    private UUID containerInstanceId;

    /** The deployment that started it; null for one-off tasks and tasks older than deployments. */
    @Column(name = "deployment_id")
    private UUID deploymentId;

    @Enumerated(EnumType.STRING)
    @Column(name = "desired_status", nullable = false)
    private DesiredStatus desiredStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "last_status", nullable = false)
    private LastStatus lastStatus;

    @Column(name = "started_by")
    private String startedBy;

    /** The run-task group (ECS "group"); null for service tasks. */
    @Column(name = "task_group")
    private String group;

    /** JSON of the run-task container overrides; null when there were none. */
    @Column(name = "overrides", updatable = false)
    private String overrides;

    @Column(name = "stopped_reason")
    private String stoppedReason;

    @Column(name = "stop_code")
    private String stopCode;

    @Column(name = "reserved_cpu")
    private int reservedCpu;

    @Column(name = "reserved_memory")
    private int reservedMemory;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    /** JSON {"secrets": {name: version}, "configs": {...}}: what the launch gave it; null when nothing. */
    @Column(name = "secret_versions")
    private String secretVersions;

    /** ECS's pullStartedAt/pullStoppedAt: null unless the launch pulled an image. */
    @Column(name = "pull_started_at")
    private Instant pullStartedAt;

    @Column(name = "pull_stopped_at")
    private Instant pullStoppedAt;

    @Column(name = "stopping_at")
    private Instant stoppingAt;

    @Column(name = "stopped_at")
    private Instant stoppedAt;

    /**
     * Written by the traffic pass alone, in its own statement (see V21__task_deregistration.sql): never written through the entity, so a
     * pass that saves this row for another reason cannot put back the null it read.
     */
    @Column(name = "deregistered_at", insertable = false, updatable = false)
    private Instant deregisteredAt;

    @Column(name = "drained_at", insertable = false, updatable = false)
    private Instant drainedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private Long version;

    /** ECS's task healthStatus, from the containers whose checks count (UNKNOWN, HEALTHY, UNHEALTHY). */
    @Enumerated(EnumType.STRING)
    @Column(name = "health_status", nullable = false)
    private ContainerHealth healthStatus = ContainerHealth.UNKNOWN;

    @OneToMany(mappedBy = "task", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id.name")
    private List<TaskContainerEntity> containers = new ArrayList<>();

    protected TaskEntity() {
    }

    /** A new task, desired RUNNING and PROVISIONING, without containers yet. */
    public TaskEntity(String cluster, TaskDefinitionId taskDefinition, int reservedCpu, int reservedMemory) {
        this(UUID.randomUUID(), cluster, taskDefinition, reservedCpu, reservedMemory, null);
    }

    /**
     * A new task with the id and creation time its planner chose: the id is decided before the row is
     * written, so that the containers created next can carry it. {@code createdAt} null = now.
     */
    public TaskEntity(UUID id, String cluster, TaskDefinitionId taskDefinition, int reservedCpu, int reservedMemory,
                      Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt == null ? null : createdAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        this.cluster = cluster;
        this.taskFamily = taskDefinition.family();
        this.taskRevision = taskDefinition.revision();
        this.desiredStatus = DesiredStatus.RUNNING;
        this.lastStatus = LastStatus.PROVISIONING;
        this.reservedCpu = reservedCpu;
        this.reservedMemory = reservedMemory;
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

    /** Adds a PENDING container with UNKNOWN health; saved with this task. */
    public TaskContainerEntity addContainer(String name) {
        if (container(name).isPresent()) {
            throw new IllegalArgumentException("task " + id + " already has a container named " + name);
        }
        TaskContainerEntity container = new TaskContainerEntity(this, name);
        containers.add(container);
        return container;
    }

    public Optional<TaskContainerEntity> container(String name) {
        return containers.stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    /** Ordered by name; modify through addContainer/removeContainer. */
    public List<TaskContainerEntity> getContainers() {
        return Collections.unmodifiableList(containers);
    }

    public boolean removeContainer(String name) {
        return containers.removeIf(c -> c.getName().equals(name));
    }

    public UUID getId() {
        return id;
    }

    public String getCluster() {
        return cluster;
    }

    public UUID getServiceId() {
        return serviceId;
    }

    public String getServiceName() {
        return serviceName;
    }

    /** Both at once: the name is denormalised so that listing a cluster's tasks needs no join. */
    public void setService(UUID serviceId, String serviceName) {
        this.serviceId = serviceId;
        this.serviceName = serviceName;
    }

    public TaskDefinitionId getTaskDefinition() {
        return new TaskDefinitionId(taskFamily, taskRevision);
    }

    public String getTaskFamily() {
        return taskFamily;
    }

    public int getTaskRevision() {
        return taskRevision;
    }

    public UUID getDeploymentId() {
        return deploymentId;
    }

    public void setDeploymentId(UUID deploymentId) {
        this.deploymentId = deploymentId;
    }

    public UUID getContainerInstanceId() {
        return containerInstanceId;
    }

    public void setContainerInstanceId(UUID containerInstanceId) {
        this.containerInstanceId = containerInstanceId;
    }

    public DesiredStatus getDesiredStatus() {
        return desiredStatus;
    }

    public void setDesiredStatus(DesiredStatus desiredStatus) {
        this.desiredStatus = desiredStatus;
    }

    public LastStatus getLastStatus() {
        return lastStatus;
    }

    public void setLastStatus(LastStatus lastStatus) {
        this.lastStatus = lastStatus;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getOverrides() {
        return overrides;
    }

    public void setOverrides(String overrides) {
        this.overrides = overrides;
    }

    public String getStartedBy() {
        return startedBy;
    }

    public void setStartedBy(String startedBy) {
        this.startedBy = startedBy;
    }

    public String getStoppedReason() {
        return stoppedReason;
    }

    public void setStoppedReason(String stoppedReason) {
        this.stoppedReason = stoppedReason;
    }

    public String getStopCode() {
        return stopCode;
    }

    public void setStopCode(String stopCode) {
        this.stopCode = stopCode;
    }

    public int getReservedCpu() {
        return reservedCpu;
    }

    public int getReservedMemory() {
        return reservedMemory;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(Instant startedAt) {
        this.startedAt = startedAt;
    }

    public Instant getPullStartedAt() {
        return pullStartedAt;
    }

    public void setPullStartedAt(Instant pullStartedAt) {
        this.pullStartedAt = pullStartedAt;
    }

    public Instant getPullStoppedAt() {
        return pullStoppedAt;
    }

    public void setPullStoppedAt(Instant pullStoppedAt) {
        this.pullStoppedAt = pullStoppedAt;
    }

    public Instant getStoppingAt() {
        return stoppingAt;
    }

    public void setStoppingAt(Instant stoppingAt) {
        this.stoppingAt = stoppingAt;
    }

    public Instant getDeregisteredAt() {
        return deregisteredAt;
    }

    public Instant getDrainedAt() {
        return drainedAt;
    }

    public Instant getStoppedAt() {
        return stoppedAt;
    }

    public void setStoppedAt(Instant stoppedAt) {
        this.stoppedAt = stoppedAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public ContainerHealth getHealthStatus() {
        return healthStatus;
    }

    public void setHealthStatus(ContainerHealth healthStatus) {
        this.healthStatus = healthStatus;
    }

    public Long getVersion() {
        return version;
    }

    public String getSecretVersions() {
        return secretVersions;
    }

    public void setSecretVersions(String secretVersions) {
        this.secretVersions = secretVersions;
    }
}
