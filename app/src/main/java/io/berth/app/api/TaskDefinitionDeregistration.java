package io.berth.app.api;

import io.berth.reconciler.desiredstate.DesiredStateWrites;
import org.springframework.stereotype.Service;

/**
 * ECS's deregister-task-definition: the revision becomes INACTIVE. Its running tasks keep running and it stays
 * describable; "family" no longer resolves to it and no service may be created on it or moved to it.
 */
@Service
public class TaskDefinitionDeregistration {

    private final DesiredStateWrites writes;

    public TaskDefinitionDeregistration(DesiredStateWrites writes) {
        this.writes = writes;
    }

    /** Idempotent: deregistering an INACTIVE revision changes nothing. */
    public void deregister(String family, int revision) {
        if (!writes.deregisterTaskDefinition(family, revision)) {
            throw ApiErrors.notFound("task definition " + family + ":" + revision + " not found");
        }
    }
}
