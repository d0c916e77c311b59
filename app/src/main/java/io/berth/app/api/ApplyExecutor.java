package io.berth.app.api;

import io.berth.app.api.ApplyPlan.ServiceStep;
import io.berth.app.instances.InstanceManifests;
import io.berth.app.api.ApplyPlan.Step;
import io.berth.app.api.ApplyPlan.TaskDefinitionStep;
import io.berth.db.model.DeploymentEntity;
import io.berth.db.model.DeploymentStatus;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.ServiceEventEntity;
import io.berth.db.model.TaskDefinitionEntity;
import io.berth.db.repository.DeploymentRepository;
import io.berth.db.repository.ServiceEventRepository;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.store.StateStore;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes an {@link ApplyPlan}, inside the transaction that made it, deployments included: a service and its
 * deployment are stored together or not at all.
 */
@Component
class ApplyExecutor {

    private final TaskDefinitionRepository taskDefinitions;
    private final ServiceRepository services;
    private final ServiceEventRepository events;
    private final DeploymentRepository deployments;
    private final StateStore stateStore;
    private final Clock clock;

    private final InstanceManifests instanceManifests;

    ApplyExecutor(TaskDefinitionRepository taskDefinitions, ServiceRepository services,
                  ServiceEventRepository events, DeploymentRepository deployments, StateStore stateStore,
                  Clock clock, InstanceManifests instanceManifests) {
        this.instanceManifests = instanceManifests;
        this.taskDefinitions = taskDefinitions;
        this.services = services;
        this.events = events;
        this.deployments = deployments;
        this.stateStore = stateStore;
        this.clock = clock;
    }

    /**
     * What one created or configured service became.
     *
     * @param deploymentId its PRIMARY deployment after the apply: the one started here, or, when the revision
     *                     did not change, the one already running (null only for a service without any)
     */
    record Changed(ServiceStep step, UUID serviceId, UUID deploymentId) {
    }

    /** @return the services created or configured, which the loop must hear about */
    List<Changed> execute(ApplyPlan plan) {
        return execute(plan, new java.util.HashMap<>());
    }

    /** @param storedInstances filled with the id of each ContainerInstance step written, for activation after commit */
    List<Changed> execute(ApplyPlan plan, Map<ApplyPlan.InstanceStep, UUID> storedInstances) {
        for (Step step : plan.steps()) {
            if (step instanceof ApplyPlan.InstanceStep instance && instance.outcome().changes()) {
                storedInstances.put(instance, instanceManifests.store(instance.probe()));
            }
        }
        for (Step step : plan.steps()) {
            if (step instanceof TaskDefinitionStep td && td.outcome().changes()) {
                taskDefinitions.save(new TaskDefinitionEntity(td.document().name(), td.revision(), td.specJson(),
                        td.specHash()));
            }
        }
        // Now, not at commit: a concurrent registration of the same revision fails here, where the caller
        // can retry, and the services below may reference the new revisions.
        taskDefinitions.flush();
        List<Written> written = new ArrayList<>();
        for (Step step : plan.steps()) {
            if (step instanceof ServiceStep service && service.outcome().changes()) {
                written.add(write(service));
            }
        }
        // Deployment rows reference the service rows: insert those first.
        services.flush();
        Instant now = clock.instant();
        List<Changed> changed = new ArrayList<>();
        for (Written w : written) {
            changed.add(new Changed(w.step(), w.serviceId(), deploy(w, now)));
        }
        deployments.flush();
        return changed;
    }

    /**
     * As in ECS: a new or changed revision is a new deployment; any other change (desiredCount, labels, rollout
     * settings) keeps the PRIMARY one, which only learns the new desired count.
     */
    private UUID deploy(Written w, Instant now) {
        String revision = w.step().taskDefinition().toString();
        if (w.trigger() != null) {
            return stateStore.startDeployment(w.serviceId(), revision, w.trigger(), now);
        }
        Optional<DeploymentEntity> primary = deployments.findByServiceIdAndStatus(w.serviceId(), DeploymentStatus.PRIMARY);
        int desiredCount = w.step().document().spec().desiredCount();
        primary.filter(d -> d.getDesiredCount() != desiredCount).ifPresent(d -> d.setDesiredCount(desiredCount, now));
        return primary.map(DeploymentEntity::getId).orElse(null);
    }

    /** @param trigger null when the revision stays */
    private record Written(ServiceStep step, UUID serviceId, Deployment.Trigger trigger) {
    }

    private Written write(ServiceStep step) {
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
            return new Written(step, created.getId(), Deployment.Trigger.CREATED);
        }
        ServiceEntity service = step.existing();
        boolean revisionChanged = !service.getTaskDefinition().equals(step.taskDefinition());
        service.setTaskDefinitionRef(document.spec().taskDefinition());
        service.setTaskDefinition(step.taskDefinition());
        service.setDesiredCount(document.spec().desiredCount());
        service.setSpec(step.specJson());
        service.setLabels(step.labelsJson());
        service.setGeneration(service.getGeneration() + 1);
        events.save(new ServiceEventEntity(service.getId(),
                "service %s was updated: %s".formatted(document.name(), step.change())));
        return new Written(step, service.getId(), revisionChanged ? Deployment.Trigger.UPDATED : null);
    }
}
