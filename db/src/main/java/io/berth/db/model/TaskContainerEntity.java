package io.berth.db.model;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.Table;

/**
 * One container of a task, as last observed. An entity (not an element collection) so that a change
 * to one container updates one row instead of rewriting all of the task's containers.
 * Created through {@link TaskEntity#addContainer(String)}; saved and deleted with its task.
 */
@Entity
@Table(name = "task_container")
public class TaskContainerEntity {

    @EmbeddedId
    private TaskContainerId id;

    @MapsId("taskId")
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "task_id")
    private TaskEntity task;

    @Column(name = "docker_id")
    private String dockerId;

    /** PENDING, RUNNING or STOPPED. */
    @Enumerated(EnumType.STRING)
    @Column(name = "last_status", nullable = false)
    private LastStatus lastStatus;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ContainerHealth health;

    @Column(name = "exit_code")
    private Integer exitCode;

    private String reason;

    /** JSON array of {containerPort, hostPort, protocol}. */
    @Column(name = "host_ports", nullable = false)
    private String hostPorts = "[]";

    protected TaskContainerEntity() {
    }

    TaskContainerEntity(TaskEntity task, String name) {
        this.id = new TaskContainerId(task.getId(), name);
        this.task = task;
        this.lastStatus = LastStatus.PENDING;
        this.health = ContainerHealth.UNKNOWN;
    }

    public String getName() {
        return id.getName();
    }

    public TaskEntity getTask() {
        return task;
    }

    public String getDockerId() {
        return dockerId;
    }

    public void setDockerId(String dockerId) {
        this.dockerId = dockerId;
    }

    public LastStatus getLastStatus() {
        return lastStatus;
    }

    public void setLastStatus(LastStatus lastStatus) {
        this.lastStatus = lastStatus;
    }

    public ContainerHealth getHealth() {
        return health;
    }

    public void setHealth(ContainerHealth health) {
        this.health = health;
    }

    public Integer getExitCode() {
        return exitCode;
    }

    public void setExitCode(Integer exitCode) {
        this.exitCode = exitCode;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getHostPorts() {
        return hostPorts;
    }

    public void setHostPorts(String hostPorts) {
        this.hostPorts = hostPorts;
    }
}
