package io.berth.app.api;

import io.berth.app.api.ApplyPlan.ServiceStep;
import io.berth.app.api.ApplyPlan.Step;
import io.berth.app.api.ApplyPlan.TaskDefinitionStep;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.ServiceEventEntity;
import io.berth.db.model.TaskDefinitionEntity;
import io.berth.db.repository.ServiceEventRepository;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TaskDefinitionRepository;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Writes an {@link ApplyPlan}, inside the transaction that made it. */
@Component
class ApplyExecutor {

    private final TaskDefinitionRepository taskDefinitions;
    private final ServiceRepository services;
    private final ServiceEventRepository events;

    ApplyExecutor(TaskDefinitionRepository taskDefinitions, ServiceRepository services,
                  ServiceEventRepository events) {
        this.taskDefinitions = taskDefinitions;
        this.services = services;
        this.events = events;
    }

    /** @return the ids of the services created or configured, which the loop must hear about */
    List<UUID> execute(ApplyPlan plan) {
        for (Step step : plan.steps()) {
            if (step instanceof TaskDefinitionStep td && td.outcome().changes()) {
                taskDefinitions.save(new TaskDefinitionEntity(td.document().name(), td.revision(), td.specJson(),
                        td.specHash()));
            }
        }
        // Now, not at commit: a concurrent registration of the same revision fails here, where the caller
        // can retry, and the services below may reference the new revisions.
        taskDefinitions.flush();
        List<UUID> changed = new ArrayList<>();
        for (Step step : plan.steps()) {
            if (step instanceof ServiceStep service && service.outcome().changes()) {
                changed.add(write(service));
            }
        }
        services.flush();
        return changed;
    }

    private UUID write(ServiceStep step) {
        var document = step.document();
        if (step.existing() == null) {
            ServiceEntity created = new ServiceEntity(document.cluster(), document.name(),
                    document.spec().taskDefinition(), step.taskDefinition(), document.spec().desiredCount(),
                    step.specJson());
            created.setLabels(step.labelsJson());
            services.save(created);
            events.save(new ServiceEventEntity(created.getId(),
                    "service %s was created with task definition %s and desired count %d".formatted(
                            document.name(), step.taskDefinition(), document.spec().desiredCount())));
            return created.getId();
        }
        ServiceEntity service = step.existing();
        service.setTaskDefinitionRef(document.spec().taskDefinition());
        service.setTaskDefinition(step.taskDefinition());
        service.setDesiredCount(document.spec().desiredCount());
        service.setSpec(step.specJson());
        service.setLabels(step.labelsJson());
        service.setGeneration(service.getGeneration() + 1);
        events.save(new ServiceEventEntity(service.getId(),
                "service %s was updated: %s".formatted(document.name(), step.change())));
        return service.getId();
    }
}
