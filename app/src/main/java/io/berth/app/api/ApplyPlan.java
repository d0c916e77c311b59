package io.berth.app.api;

import io.berth.app.api.dto.ApplyResult;
import io.berth.app.api.dto.ApplyResult.Outcome;
import io.berth.app.instances.InstanceManifests;
import io.berth.app.manifest.RoleDocument;
import io.berth.app.manifest.SecretDocument;
import io.berth.app.manifest.ServiceDocument;
import io.berth.reconciler.desiredstate.SecretWrite;
import io.berth.reconciler.plan.SecretRolloutPlanner;
import io.berth.app.manifest.TaskDefinitionDocument;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.TaskDefinitionId;
import io.berth.reconciler.desiredstate.TrafficResourceWrite;

import java.util.List;

/**
 * What an apply will do, decided before anything is written, so that a dry run and a real apply report
 * the same thing and a real apply writes only once every document has been checked.
 *
 * @param steps    one per document, in document order
 * @param rollouts the services with rolloutOnChange that a changed secret or config rolls out
 */
record ApplyPlan(List<Step> steps, List<SecretRolloutPlanner.Rollout> rollouts) {

    ApplyPlan {
        steps = List.copyOf(steps);
        rollouts = List.copyOf(rollouts);
    }

    ApplyPlan(List<Step> steps) {
        this(steps, List.of());
    }

    List<ApplyResult> results() {
        return steps.stream().map(Step::result).toList();
    }

    sealed interface Step permits TaskDefinitionStep, ServiceStep, InstanceStep, TrafficStep, RoleStep, SecretStep,
            ScheduledTaskStep {
        Outcome outcome();

        ApplyResult result();
    }

    /** @param revision the new revision, or the latest one when unchanged */
    record TaskDefinitionStep(TaskDefinitionDocument document, String specJson, String specHash, int revision,
                              Outcome outcome) implements Step {

        @Override
        public ApplyResult result() {
            return new ApplyResult("TaskDefinition", document.name(), null, outcome, revision, null);
        }
    }

    /**
     * @param existing       the stored service, null when it is created; managed by the apply's transaction
     * @param taskDefinition what {@code spec.taskDefinition} resolved to
     * @param change         for the service's event log: what changed, null unless configured
     */
    /**
     * @param desiredCount the count to store: the manifest's, or with autoScaling the running one (clamped into the
     *                     range; a new service starts at the manifest's, clamped)
     * @param note         what the result should say about the count (autoScaling kept or clamped it); null: nothing
     */
    record ServiceStep(ServiceDocument document, ServiceEntity existing, TaskDefinitionId taskDefinition,
                       String specJson, String labelsJson, Outcome outcome, String change, int desiredCount,
                       String note) implements Step {

        @Override
        public ApplyResult result() {
            ApplyResult result = new ApplyResult("Service", document.name(), document.cluster(), outcome, null,
                    taskDefinition.toString());
            return note == null ? result : result.withNote(note);
        }
    }

    /** A ContainerInstance document whose engine answered ({@code probe}), or was not asked (a dry run). */
    record InstanceStep(InstanceManifests.Probe probe, Outcome outcome) implements Step {

        static final String NOT_PROBED = "dry run: the document was checked, the endpoint was not probed";

        @Override
        public ApplyResult result() {
            ApplyResult result = new ApplyResult("ContainerInstance", probe.document().name(),
                    probe.document().cluster(), outcome, null, null);
            return probe.probed() ? result : result.withNote(NOT_PROBED);
        }
    }

    /** A TargetGroup or LoadBalancer document: stored as {@code write} when the outcome changes anything. */
    record TrafficStep(String kind, TrafficResourceWrite write, Outcome outcome) implements Step {

        @Override
        public ApplyResult result() {
            return new ApplyResult(kind, write.name(), write.cluster(), outcome, null, null);
        }
    }

    /** A Role document: stored through the role store when the outcome changes anything. */
    record RoleStep(RoleDocument document, Outcome outcome) implements Step {

        @Override
        public ApplyResult result() {
            return new ApplyResult("Role", document.name(), null, outcome, null, null);
        }
    }

    /**
     * A Secret or Config document: stored as {@code write} when the outcome changes anything.
     *
     * @param version the version it has after the apply
     */
    record SecretStep(SecretDocument document, SecretWrite write, Outcome outcome, int version) implements Step {

        @Override
        public ApplyResult result() {
            return new ApplyResult(document.kindName(), document.name(), null, outcome, version, null);
        }
    }

    /** A ScheduledTask document: stored as {@code write} when the outcome changes anything. */
    record ScheduledTaskStep(io.berth.reconciler.desiredstate.ScheduledTaskWrite write, Outcome outcome,
                             String taskDefinition) implements Step {

        @Override
        public ApplyResult result() {
            return new ApplyResult("ScheduledTask", write.name(), write.cluster(), outcome, null, taskDefinition);
        }
    }
}
