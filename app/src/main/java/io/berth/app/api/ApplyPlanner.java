package io.berth.app.api;

import io.berth.app.api.ApplyPlan.ServiceStep;
import io.berth.app.api.ApplyPlan.Step;
import io.berth.app.api.ApplyPlan.TaskDefinitionStep;
import io.berth.app.api.dto.ApplyResult.Outcome;
import io.berth.app.instances.InstanceManifests;
import io.berth.app.manifest.FieldError;
import io.berth.app.manifest.ManifestDocument;
import io.berth.app.manifest.ManifestValidationException;
import io.berth.app.manifest.RoleDocument;
import io.berth.app.manifest.ServiceDocument;
import io.berth.app.manifest.ScheduledTaskDocument;
import io.berth.app.security.access.RoleStore;
import io.berth.app.manifest.TaskDefinitionDocument;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.ServiceStatus;
import io.berth.db.model.TaskDefinitionEntity;
import io.berth.db.model.TaskDefinitionId;
import io.berth.db.model.TaskDefinitionStatus;
import io.berth.db.repository.ClusterRepository;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.reconciler.model.TaskDefinitionRef;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.plan.SecretRolloutPlanner;
import io.berth.reconciler.policy.ClusterSettings;
import io.berth.reconciler.policy.PolicyViolation;
import io.berth.reconciler.policy.TaskPolicyCheck;
import io.berth.reconciler.model.ServiceSpec;
import io.berth.reconciler.store.ServiceSpecJson;
import io.berth.reconciler.store.SpecJson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides what each document of an apply does, reading only. Must run inside the apply's transaction:
 * the plan holds managed entities that the executor then changes.
 */
@Component
class ApplyPlanner {

    private final TaskDefinitionRepository taskDefinitions;
    private final ServiceRepository services;
    private final ClusterRepository clusters;
    private final SpecJson specJson;
    private final JsonText json;
    private final ServiceSpecJson serviceSpecJson;
    private final ClusterSettings clusterSettings;

    private final InstanceManifests instanceManifests;
    private final TrafficApplyPlanner traffic;
    private final ScheduledTaskApplyPlanner scheduledTasks;
    private final RoleStore roles;
    private final SecretApplyPlanner secrets;

    ApplyPlanner(TaskDefinitionRepository taskDefinitions, ServiceRepository services, ClusterRepository clusters,
                 SpecJson specJson, ServiceSpecJson serviceSpecJson, JsonText json, ClusterSettings clusterSettings,
                 InstanceManifests instanceManifests, TrafficApplyPlanner traffic, RoleStore roles,
                 SecretApplyPlanner secrets, ScheduledTaskApplyPlanner scheduledTasks) {
        this.scheduledTasks = scheduledTasks;
        this.roles = roles;
        this.secrets = secrets;
        this.instanceManifests = instanceManifests;
        this.traffic = traffic;
        this.clusterSettings = clusterSettings;
        this.serviceSpecJson = serviceSpecJson;
        this.taskDefinitions = taskDefinitions;
        this.services = services;
        this.clusters = clusters;
        this.specJson = specJson;
        this.json = json;
    }

    /**
     * @throws ManifestValidationException listing every unresolvable reference and unknown cluster
     * @throws org.springframework.web.server.ResponseStatusException 409 when a service is being deleted
     */
    ApplyPlan plan(List<ManifestDocument> documents) {
        return plan(documents, Map.of());
    }

    /** @param probes the engines of the ContainerInstance documents, by document index, already asked about themselves */
    ApplyPlan plan(List<ManifestDocument> documents, Map<Integer, InstanceManifests.Probe> probes) {
        Step[] steps = new Step[documents.size()];
        probes.forEach((i, probe) -> steps[i] = new ApplyPlan.InstanceStep(probe,
                instanceManifests.outcome(probe, "documents[" + i + "]")));
        // Task definitions first: a service may use a family registered anywhere in the same request.
        Map<String, TaskDefinitionStep> families = new HashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            if (documents.get(i) instanceof TaskDefinitionDocument td) {
                TaskDefinitionStep step = planTaskDefinition(td);
                families.put(td.name(), step);
                steps[i] = step;
            }
        }
        for (int i = 0; i < documents.size(); i++) {
            if (documents.get(i) instanceof RoleDocument role) {
                steps[i] = new ApplyPlan.RoleStep(role, switch (roles.plan(role.role())) {
                    case CREATED -> Outcome.CREATED;
                    case CONFIGURED -> Outcome.CONFIGURED;
                    case UNCHANGED -> Outcome.UNCHANGED;
                });
            }
        }
        List<FieldError> errors = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        traffic.plan(documents, steps, errors);
        secrets.plan(documents, steps);
        secrets.checkReferences(documents, errors);
        secrets.checkRemovedKeys(documents, errors);
        for (int i = 0; i < documents.size(); i++) {
            if (documents.get(i) instanceof ServiceDocument service) {
                steps[i] = planService("documents[" + i + "]", service, families, errors, conflicts, documents);
            }
        }
        for (int i = 0; i < documents.size(); i++) {
            if (documents.get(i) instanceof ScheduledTaskDocument scheduled) {
                steps[i] = planScheduledTask("documents[" + i + "]", scheduled, families, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new ManifestValidationException(errors);
        }
        if (!conflicts.isEmpty()) {
            throw ApiErrors.conflict(String.join("; ", conflicts));
        }
        return new ApplyPlan(Arrays.asList(steps), secretRollouts(steps, families));
    }

    /** The services with rolloutOnChange whose secrets or configs this apply changes (see SecretRolloutPlanner). */
    private List<SecretRolloutPlanner.Rollout> secretRollouts(Step[] steps, Map<String, TaskDefinitionStep> families) {
        List<SecretRolloutPlanner.Changed> changed = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof ApplyPlan.SecretStep s && s.outcome() == Outcome.CONFIGURED) {
                changed.add(new SecretRolloutPlanner.Changed(s.document().kind(), s.document().name(), s.version()));
            }
        }
        if (changed.isEmpty()) {
            return List.of();
        }
        List<SecretRolloutPlanner.Candidate> candidates = new ArrayList<>();
        java.util.Set<UUID> inRequest = new java.util.HashSet<>();
        for (Step step : steps) {
            if (step instanceof ServiceStep s && s.existing() != null) {
                inRequest.add(s.existing().getId());
                boolean revisionChanges = !s.existing().getTaskDefinition().equals(s.taskDefinition());
                candidates.add(new SecretRolloutPlanner.Candidate(s.existing().getId(), s.document().name(),
                        s.document().spec().rolloutOnChange(), s.taskDefinition().toString(),
                        specOf(s.taskDefinition(), families), revisionChanges));
            }
        }
        for (ServiceEntity service : services.findByStatusIn(List.of(ServiceStatus.ACTIVE))) {
            if (inRequest.contains(service.getId()) || !serviceSpecJson.fromJson(service.getSpec()).rolloutOnChange()) {
                continue;
            }
            candidates.add(new SecretRolloutPlanner.Candidate(service.getId(), service.getName(), true,
                    service.getTaskDefinition().toString(), specOf(service.getTaskDefinition(), families), false));
        }
        return SecretRolloutPlanner.plan(changed, candidates);
    }

    /** Like ECS's register: unchanged only when the newest revision has this spec; else a new revision. */
    private TaskDefinitionStep planTaskDefinition(TaskDefinitionDocument document) {
        String text = specJson.toJson(document.spec());
        String hash = specJson.hash(document.spec());
        Optional<TaskDefinitionEntity> latest = taskDefinitions.findFirstByFamilyOrderByRevisionDesc(document.name());
        if (latest.isEmpty()) {
            return new TaskDefinitionStep(document, text, hash, 1, Outcome.CREATED);
        }
        TaskDefinitionEntity newest = latest.get();
        if (newest.getSpecHash().equals(hash) && newest.getStatus() == TaskDefinitionStatus.ACTIVE) {
            return new TaskDefinitionStep(document, text, hash, newest.getRevision(), Outcome.UNCHANGED);
        }
        return new TaskDefinitionStep(document, text, hash, newest.getRevision() + 1, Outcome.CONFIGURED);
    }

    /** Null when it reported an error or a conflict (then {@link #plan} throws). */
    /** Its cluster, and the ACTIVE revision it names now (a family follows its newest ACTIVE revision when firing). */
    private ApplyPlan.ScheduledTaskStep planScheduledTask(String path, ScheduledTaskDocument document,
                                                         Map<String, TaskDefinitionStep> families,
                                                         List<FieldError> errors) {
        if (!clusters.existsById(document.cluster())) {
            errors.add(new FieldError(path + ".metadata.cluster",
                    "cluster \"" + document.cluster() + "\" does not exist"));
            return null;
        }
        TaskDefinitionRef ref;
        try {
            ref = TaskDefinitionRef.parse(document.spec().taskDefinition());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(path + ".spec.taskDefinition", "must be \"family\" or \"family:revision\""));
            return null;
        }
        Optional<TaskDefinitionId> resolved = resolve(ref, families);
        if (resolved.isEmpty()) {
            errors.add(new FieldError(path + ".spec.taskDefinition", unresolvable(ref, families.get(ref.family()))));
            return null;
        }
        if (inactive(resolved.get(), families)) {
            errors.add(new FieldError(path + ".spec.taskDefinition", "task definition " + resolved.get()
                    + " is INACTIVE (deregistered): no task may start from it; use an ACTIVE revision"));
            return null;
        }
        return scheduledTasks.plan(path, document, specOf(resolved.get(), families), errors);
    }

    private ServiceStep planService(String path, ServiceDocument document, Map<String, TaskDefinitionStep> families,
                                    List<FieldError> errors, List<String> conflicts, List<ManifestDocument> documents) {
        boolean clusterExists = clusters.existsById(document.cluster());
        if (!clusterExists) {
            errors.add(new FieldError(path + ".metadata.cluster",
                    "cluster \"" + document.cluster() + "\" does not exist"));
        }
        String refText = document.spec().taskDefinition();
        TaskDefinitionRef ref = TaskDefinitionRef.parse(refText);
        Optional<TaskDefinitionId> resolved = resolve(ref, families);
        if (resolved.isEmpty()) {
            String message = unresolvable(ref, families.get(ref.family()));
            errors.add(new FieldError(path + ".spec.taskDefinition", message));
        }
        if (!clusterExists || resolved.isEmpty()) {
            return null;
        }
        ServiceEntity existing = services.findByClusterAndName(document.cluster(), document.name()).orElse(null);
        if (existing != null && existing.getStatus() == ServiceStatus.DRAINING) {
            conflicts.add("service \"" + document.name() + "\" in cluster \"" + document.cluster()
                    + "\" is being deleted; apply it again once it is gone");
            return null;
        }
        TaskDefinitionId taskDefinition = resolved.get();
        boolean movesToIt = existing == null || !existing.getTaskDefinition().equals(taskDefinition);
        if (movesToIt && inactive(taskDefinition, families)) {
            errors.add(new FieldError(path + ".spec.taskDefinition", "task definition " + taskDefinition
                    + " is INACTIVE (deregistered): no new service may start from it; use an ACTIVE revision"));
            return null;
        }
        if (!runnable(path + ".spec.taskDefinition", taskDefinition, document.cluster(), families, errors)) {
            return null;
        }
        int before = errors.size();
        traffic.checkService(path, document, specOf(taskDefinition, families), documents, errors);
        if (errors.size() > before) {
            return null;
        }
        ServiceCount count = existing == null ? ServiceCount.of(document.spec(), null)
                : ServiceCount.of(document.spec(), existing.getDesiredCount(),
                io.berth.reconciler.store.ActionStatesJson.fromJson(existing.getScheduledActions()));
        int desiredCount = count.desiredCount();
        String spec = serviceSpecJson.toJson(document.spec());
        String labels = json.canonical(document.labels());
        if (existing == null) {
            return new ServiceStep(document, null, taskDefinition, spec, labels, Outcome.CREATED, null, desiredCount,
                    count.note());
        }
        ServiceSpec stored = serviceSpecJson.fromJson(existing.getSpec());
        if (stored.schedulingStrategy() != document.spec().schedulingStrategy()) {
            // As in ECS: a service is a daemon or not for its whole life; delete it and apply it anew to change.
            errors.add(new FieldError(path + ".spec.schedulingStrategy", "cannot change from "
                    + stored.schedulingStrategy() + " to " + document.spec().schedulingStrategy()
                    + " on an existing service; delete the service and apply it again"));
            return null;
        }
        List<String> changes = new ArrayList<>();
        if (!existing.getTaskDefinition().equals(taskDefinition)) {
            changes.add("task definition " + existing.getTaskDefinition() + " -> " + taskDefinition);
        }
        // A daemon's stored count is what its pass counted (its eligible instances), not something the user declares.
        if (!stored.isDaemon() && existing.getDesiredCount() != desiredCount) {
            changes.add("desired count " + existing.getDesiredCount() + " -> " + desiredCount);
        }
        if (!json.stringMap(existing.getLabels()).equals(document.labels())) {
            changes.add("labels");
        }
        if (!existing.getTaskDefinitionRef().equals(refText)) {
            changes.add("taskDefinition \"" + existing.getTaskDefinitionRef() + "\" -> \"" + refText + "\"");
        }
        if (!stored.deployment().equals(document.spec().deployment())
                || !stored.healthCheckGracePeriod().equals(document.spec().healthCheckGracePeriod())) {
            changes.add("deployment settings");
        }
        if (stored.rolloutOnChange() != document.spec().rolloutOnChange()) {
            changes.add("rolloutOnChange " + stored.rolloutOnChange() + " -> " + document.spec().rolloutOnChange());
        }
        if (!stored.placement().equals(document.spec().placement())) {
            changes.add("placement");
        }
        if (!stored.loadBalancers().equals(document.spec().loadBalancers())) {
            changes.add("load balancers");
        }
        if (!java.util.Objects.equals(stored.autoScaling(), document.spec().autoScaling())) {
            changes.add("autoScaling");
        }
        if (changes.isEmpty() && !existing.getSpec().equals(spec)) {
            changes.add("spec"); // a field this comparison does not know yet
        }
        return changes.isEmpty()
                ? new ServiceStep(document, existing, taskDefinition, spec, labels, Outcome.UNCHANGED, null,
                        desiredCount, count.note())
                : new ServiceStep(document, existing, taskDefinition, spec, labels, Outcome.CONFIGURED,
                        String.join(", ", changes), desiredCount, count.note());
    }

    /** A revision registered by this request is ACTIVE; a stored one is what its row says. */
    private boolean inactive(TaskDefinitionId id, Map<String, TaskDefinitionStep> families) {
        TaskDefinitionStep inRequest = families.get(id.family());
        if (inRequest != null && inRequest.revision() == id.revision()) {
            return false;
        }
        return taskDefinitions.findById(id).map(t -> t.getStatus() == TaskDefinitionStatus.INACTIVE).orElse(false);
    }

    /**
     * Whether the cluster's policy allows the task definition and the registry credentials it names exist; checked
     * here so that the user hears it now, not from a failed task (the launcher checks again).
     */
    private boolean runnable(String path, TaskDefinitionId id, String cluster, Map<String, TaskDefinitionStep> families,
                             List<FieldError> errors) {
        TaskDefinitionSpec spec = specOf(id, families);
        int before = errors.size();
        for (PolicyViolation v : TaskPolicyCheck.check(spec, clusterSettings.policy(cluster), cluster)) {
            errors.add(new FieldError(path, id + ": " + v.field() + ": " + v.message()));
        }
        for (String problem : RepositoryCredentialCheck.problems(spec, clusterSettings)) {
            errors.add(new FieldError(path, id + ": " + problem));
        }
        return errors.size() == before;
    }

    /** The revision's spec: this request's when it registers that revision, else the stored one. */
    private TaskDefinitionSpec specOf(TaskDefinitionId id, Map<String, TaskDefinitionStep> families) {
        TaskDefinitionStep inRequest = families.get(id.family());
        if (inRequest != null && inRequest.revision() == id.revision()) {
            return inRequest.document().spec();
        }
        return specJson.fromJson(taskDefinitions.findById(id).orElseThrow().getSpec());
    }

    /** "family" is the newest ACTIVE revision, counting one this request registers; "family:N" is exactly N. */
    private Optional<TaskDefinitionId> resolve(TaskDefinitionRef ref, Map<String, TaskDefinitionStep> families) {
        TaskDefinitionStep inRequest = families.get(ref.family());
        if (ref.revision() == null) {
            if (inRequest != null) {
                return Optional.of(new TaskDefinitionId(ref.family(), inRequest.revision()));
            }
            return taskDefinitions.findLatestActive(ref.family()).map(TaskDefinitionEntity::getId);
        }
        if (inRequest != null && inRequest.revision() == ref.revision()) {
            return Optional.of(new TaskDefinitionId(ref.family(), ref.revision()));
        }
        return taskDefinitions.findByFamilyAndRevision(ref.family(), ref.revision()).map(TaskDefinitionEntity::getId);
    }

    /** @param inRequest the family's TaskDefinition document of this request, or null */
    private String unresolvable(TaskDefinitionRef ref, TaskDefinitionStep inRequest) {
        Optional<Integer> latest = inRequest != null
                ? Optional.of(inRequest.revision())
                : taskDefinitions.findFirstByFamilyOrderByRevisionDesc(ref.family())
                        .map(TaskDefinitionEntity::getRevision);
        if (latest.isEmpty()) {
            return "task definition family \"" + ref.family() + "\" does not exist; apply a TaskDefinition named \""
                    + ref.family() + "\" first or in the same request";
        }
        if (ref.revision() == null) {
            return "task definition family \"" + ref.family() + "\" has no ACTIVE revision";
        }
        return "task definition " + ref + " does not exist (the latest revision of \"" + ref.family() + "\" is "
                + latest.get() + ")";
    }
}
