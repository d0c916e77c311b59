package io.berth.app.api;

import io.berth.db.model.TaskDefinitionEntity;
import io.berth.db.model.TaskDefinitionStatus;
import io.berth.db.repository.TaskDefinitionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * ECS's deregister-task-definition: the revision becomes INACTIVE. Its running tasks keep running and it stays
 * describable; "family" no longer resolves to it and no service may be created on it or moved to it.
 */
@Service
@Transactional
public class TaskDefinitionDeregistration {

    private final TaskDefinitionRepository taskDefinitions;

    public TaskDefinitionDeregistration(TaskDefinitionRepository taskDefinitions) {
        this.taskDefinitions = taskDefinitions;
    }

    /** Idempotent: deregistering an INACTIVE revision changes nothing. */
    public void deregister(String family, int revision) {
        TaskDefinitionEntity t = taskDefinitions.findByFamilyAndRevision(family, revision)
                .orElseThrow(() -> ApiErrors.notFound("task definition " + family + ":" + revision + " not found"));
        if (t.getStatus() != TaskDefinitionStatus.INACTIVE) {
            t.setStatus(TaskDefinitionStatus.INACTIVE);
            taskDefinitions.saveAndFlush(t);
        }
    }
}
