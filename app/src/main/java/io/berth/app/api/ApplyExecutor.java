package io.berth.app.api;

import io.berth.app.api.ApplyPlan.ServiceStep;
import io.berth.app.api.ApplyPlan.Step;
import io.berth.app.api.ApplyPlan.TaskDefinitionStep;
import io.berth.app.instances.InstanceManifests;
import io.berth.app.security.access.RoleStore;
import io.berth.reconciler.desiredstate.DeploymentStart;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import io.berth.reconciler.desiredstate.NewService;
import io.berth.reconciler.desiredstate.NewTaskDefinition;
import io.berth.reconciler.desiredstate.ServiceConfiguration;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.plan.SecretRolloutPlanner;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes an {@link ApplyPlan} through {@link DesiredStateWrites}, inside the transaction that made it, deployments
 * included: a service and its deployment are stored together or not at all.
 */
@Component
class ApplyExecutor {

    private final DesiredStateWrites writes;
    private final InstanceManifests instanceManifests;
    private final Clock clock;
    private final RoleStore roles;

    ApplyExecutor(DesiredStateWrites writes, InstanceManifests instanceManifests, Clock clock, RoleStore roles) {
        this.roles = roles;
        this.writes = writes;
        this.instanceManifests = instanceManifests;
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
        return execute(plan, new HashMap<>());
    }

    /** @param storedInstances filled with the id of each ContainerInstance step written, for activation after commit */
    List<Changed> execute(ApplyPlan plan, Map<ApplyPlan.InstanceStep, UUID> storedInstances) {
        for (Step step : plan.steps()) {
            if (step instanceof ApplyPlan.InstanceStep instance && instance.outcome().changes()) {
                storedInstances.put(instance, instanceManifests.store(instance.probe()));
            }
        }
        for (Step step : plan.steps()) {
            if (step instanceof ApplyPlan.SecretStep secret && secret.outcome().changes()) {
                writes.saveSecret(secret.write());
            }
        }
        List<NewTaskDefinition> revisions = new ArrayList<>();
        for (Step step : plan.steps()) {
            if (step instanceof TaskDefinitionStep td && td.outcome().changes()) {
                revisions.add(new NewTaskDefinition(td.document().name(), td.revision(), td.specJson(), td.specHash()));
            }
        }
        // Before the services: they may reference the new revisions.
        writes.registerTaskDefinitions(revisions);
        for (Step step : plan.steps()) {
            if (step instanceof ApplyPlan.TrafficStep traffic && traffic.outcome().changes()) {
                writes.saveTrafficResource(traffic.write());
            }
        }
        for (Step step : plan.steps()) {
            if (step instanceof ApplyPlan.ScheduledTaskStep scheduled && scheduled.outcome().changes()) {
                writes.saveScheduledTask(scheduled.write());
            }
        }
        for (Step step : plan.steps()) {
            if (step instanceof ApplyPlan.RoleStep role && role.outcome().changes()) {
                roles.put(role.document().role(), role.document().labels(), clock.instant());
            }
        }
        List<Written> written = new ArrayList<>();
        for (Step step : plan.steps()) {
            if (step instanceof ServiceStep service && service.outcome().changes()) {
                written.add(write(service));
            }
        }
        Instant now = clock.instant();
        List<Changed> changed = new ArrayList<>();
        for (Written w : written) {
            changed.add(new Changed(w.step(), w.serviceId(), deploy(w, now)));
        }
        // Same revision, new deployment: its tasks are replaced and the new ones read the new values at launch.
        for (SecretRolloutPlanner.Rollout rollout : plan.rollouts()) {
            writes.startDeployment(new DeploymentStart(rollout.serviceId(), rollout.revision(),
                    Deployment.Trigger.RESTART, rollout.event()), now);
        }
        return changed;
    }

    /**
     * As in ECS: a new or changed revision is a new deployment; any other change (desiredCount, labels, rollout
     * settings) keeps the PRIMARY one, which only learns the new desired count.
     */
    private UUID deploy(Written w, Instant now) {
        if (w.trigger() != null) {
            return writes.startDeployment(new DeploymentStart(w.serviceId(), w.step().taskDefinition().toString(),
                    w.trigger(), null), now);
        }
        return writes.resizePrimaryDeployment(w.serviceId(), desiredCount(w.step()), now)
                .orElse(null);
    }

    /**
     * What the service row's desired count becomes: as declared, except for a daemon, whose count its pass keeps (its
     * eligible instances; 0 until the first pass counts them).
     */
    private static int desiredCount(ServiceStep step) {
        if (!step.document().spec().isDaemon()) {
            return step.desiredCount(); // the manifest's, or with autoScaling the scaled one (ServiceCount)
        }
        return step.existing() == null ? 0 : step.existing().getDesiredCount();
    }

    /** @param trigger null when the revision stays */
    private record Written(ServiceStep step, UUID serviceId, Deployment.Trigger trigger) {
    }

    private Written write(ServiceStep step) {
        var document = step.document();
        String revision = step.taskDefinition().toString();
        if (step.existing() == null) {
            UUID id = writes.createService(new NewService(document.cluster(), document.name(),
                    document.spec().taskDefinition(), revision, desiredCount(step), step.specJson(),
                    step.labelsJson()));
            return new Written(step, id, Deployment.Trigger.CREATED);
        }
        UUID id = step.existing().getId();
        boolean revisionChanged = !step.existing().getTaskDefinition().equals(step.taskDefinition());
        writes.configureService(new ServiceConfiguration(id, document.spec().taskDefinition(), revision,
                desiredCount(step), step.specJson(), step.labelsJson(),
                "service %s was updated: %s".formatted(document.name(), step.change())));
        return new Written(step, id, revisionChanged ? Deployment.Trigger.UPDATED : null);
    }
}
