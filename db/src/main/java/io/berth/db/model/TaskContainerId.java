package io.berth.db.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Primary key of a task container: its task and its name in the task definition. */
@Embeddable
public class TaskContainerId implements Serializable {

    // Filled by Hibernate from TaskContainerEntity.task (@MapsId).
    @Column(name = "task_id")
    private UUID taskId;

    @Column(name = "name")
    private String name;

    protected TaskContainerId() {
    }

    public TaskContainerId(UUID taskId, String name) {
        this.taskId = taskId;
        this.name = name;
    }

    public UUID getTaskId() {
        return taskId;
    }

    public String getName() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskContainerId other && Objects.equals(taskId, other.taskId)
                && Objects.equals(name, other.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(taskId, name);
    }

    @Override
    public String toString() {
        return taskId + "/" + name;
    }
}
