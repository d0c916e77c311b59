package io.berth.app.api;

import io.berth.db.model.DesiredStatus;
import io.berth.db.model.TaskEntity;

/**
 * The task list's filters (ECS list-tasks): each null = any.
 *
 * @param family the task definition family (any revision)
 */
public record TaskFilter(String service, DesiredStatus desiredStatus, String startedBy, String group, String family) {

    boolean matches(TaskEntity t) {
        return (desiredStatus == null || t.getDesiredStatus() == desiredStatus)
                && (startedBy == null || startedBy.equals(t.getStartedBy()))
                && (group == null || group.equals(t.getGroup()))
                && (family == null || family.equals(t.getTaskDefinition().family()));
    }
}
