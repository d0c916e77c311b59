package io.berth.app.api;

import io.berth.app.wakeups.ReconcileNotifier;
import io.berth.reconciler.scheduler.placement.Placement;
import io.berth.app.api.dto.RunTaskRequest;
import io.berth.app.api.dto.RunTaskResponse;
import io.berth.app.api.dto.TaskView;
import io.berth.app.manifest.ErrorCollector;
import io.berth.db.model.TaskDefinitionEntity;
import io.berth.db.model.TaskDefinitionStatus;
import io.berth.db.model.TaskEntity;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.db.repository.TaskRepository;
import io.berth.reconciler.pass.ClientTokenReusedException;
import io.berth.reconciler.pass.StandaloneTaskRunner;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionRef;
import io.berth.reconciler.model.TaskOverrides;
import io.berth.reconciler.plan.RunTaskPlan;
import io.berth.reconciler.policy.ClusterSettings;
import io.berth.reconciler.policy.PolicyViolation;
import io.berth.reconciler.policy.TaskPolicyCheck;
import io.berth.reconciler.store.SpecJson;
import io.berth.reconciler.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * run-task and stop-task. Both write their intent (new PROVISIONING rows; desired STOPPED with the reason) and tell
 * the loop; the loop does the Docker work. A lost notification is covered by the resync.
 */
@Service
public class TaskRuns {

    private static final Logger log = LoggerFactory.getLogger(TaskRuns.class);
    static final String DEFAULT_STOP_REASON = "Task stopped by user";

    private final TaskDefinitionRepository taskDefinitions;
    private final TaskRepository tasks;
    private final ClusterViews clusters;
    private final StandaloneTaskRunner runner;
    private final StateStore store;
    private final SpecJson specJson;
    private final TaskViews views;
    private final ReconcileNotifier notifier;
    private final ClusterSettings clusterSettings;
    private final Clock clock;

    public TaskRuns(TaskDefinitionRepository taskDefinitions, TaskRepository tasks, ClusterViews clusters,
                    StandaloneTaskRunner runner, StateStore store, SpecJson specJson, TaskViews views,
                    ReconcileNotifier notifier, ClusterSettings clusterSettings, Clock clock) {
        this.taskDefinitions = taskDefinitions;
        this.tasks = tasks;
        this.clusters = clusters;
        this.runner = runner;
        this.store = store;
        this.specJson = specJson;
        this.views = views;
        this.notifier = notifier;
        this.clusterSettings = clusterSettings;
        this.clock = clock;
    }

    public RunTaskResponse run(String cluster, RunTaskRequest request) {
        clusters.requireCluster(cluster);
        ErrorCollector errors = new ErrorCollector();
        int count = RunTaskValidator.count(request, errors);
        Optional<TaskDefinitionEntity> td = resolve(request.taskDefinition(), errors);
        TaskOverrides overrides = TaskOverrides.NONE;
        TaskDefinition definition = null;
        if (td.isPresent()) {
            definition = new TaskDefinition(td.get().getFamily(), td.get().getRevision(), specJson.fromJson(td.get().getSpec()));
            overrides = RunTaskValidator.overrides(request, definition.spec(), errors);
            // The revision was checked against the policy of the cluster it was applied to, if any: this cluster's
            // may be stricter. The user hears it now, not from a failed task (the launcher checks again).
            for (PolicyViolation v : TaskPolicyCheck.check(definition.spec(), clusterSettings.policy(cluster), cluster)) {
                errors.reject("taskDefinition", definition.family() + ":" + definition.revision() + ": " + v);
            }
            for (String problem : RepositoryCredentialCheck.problems(definition.spec(), clusterSettings)) {
                errors.reject("taskDefinition", definition.family() + ":" + definition.revision() + ": " + problem);
            }
        }
        Placement placement = RunTaskValidator.placement(request, errors);
        RunTaskValidator.throwIfAny(errors);
        RunTaskPlan plan;
        try {
            plan = runner.run(cluster, definition, count, overrides, placement, request.startedBy(), request.group(),
                    request.clientToken());
        } catch (ClientTokenReusedException e) {
            ClientTokenReuse.refuse("of another number of tasks");
            throw e;
        }
        if (plan.repeated()) {
            ClientTokenReuse.requireSameRequest(plan.tasks(), definition, request.taskDefinition());
        }
        plan.tasks().forEach(t -> notifier.taskChanged(t.id()));
        List<TaskView> started = AcceptedTasks.views(plan.tasks(), request.startedBy(), request.group(),
                id -> views.get(cluster, id.toString()));
        List<RunTaskResponse.Failure> failures = plan.failures().stream()
                .map(f -> new RunTaskResponse.Failure(f.taskDefinitionArn(), f.reason())).toList();
        if (plan.repeated()) {
            log.info("run-task {} x{} in {}: client token seen before, answering its {} tasks", definition.arn(), count,
                    cluster, started.size());
        } else {
            log.info("run-task {} x{} in {}: {} started, {} not placed", definition.arn(), count, cluster,
                    started.size(), failures.size());
        }
        return new RunTaskResponse(started, failures);
    }

    /** "family" is the newest ACTIVE revision; "family:N" must be ACTIVE too (an INACTIVE revision starts no task). */
    private Optional<TaskDefinitionEntity> resolve(String text, ErrorCollector errors) {
        if (text == null || text.isBlank()) {
            errors.reject("taskDefinition", "is required (\"family\" or \"family:revision\")");
            return Optional.empty();
        }
        TaskDefinitionRef ref;
        try {
            ref = TaskDefinitionRef.parse(text.trim());
        } catch (NumberFormatException e) {
            errors.reject("taskDefinition", "must be \"family\" or \"family:revision\", got \"" + text + "\"");
            return Optional.empty();
        }
        Optional<TaskDefinitionEntity> found = ref.revision() == null ? taskDefinitions.findLatestActive(ref.family())
                : taskDefinitions.findByFamilyAndRevision(ref.family(), ref.revision());
        if (found.isEmpty()) {
            errors.reject("taskDefinition", ref.revision() == null
                    ? "no ACTIVE revision of family \"" + ref.family() + "\" is registered"
                    : "task definition " + ref + " is not registered");
        } else if (found.get().getStatus() != TaskDefinitionStatus.ACTIVE) {
            errors.reject("taskDefinition", "task definition " + ref + " is INACTIVE: no new task may start from it");
            return Optional.empty();
        }
        return found;
    }

    /** desired STOPPED with the user's reason (a task already stopping keeps its first reason), then tell the loop. */
    public TaskView stop(String cluster, String id, String reason) {
        if (reason != null && reason.length() > 1024) {
            ErrorCollector errors = new ErrorCollector();
            errors.reject("reason", "must be at most 1024 characters, got " + reason.length());
            RunTaskValidator.throwIfAny(errors);
        }
        TaskView current = views.get(cluster, id);
        if (!"STOPPED".equals(current.lastStatus())) {
            String why = reason == null || reason.isBlank() ? DEFAULT_STOP_REASON : reason.trim();
            store.requestStop(current.id(), StopCode.UserInitiated, why, clock.instant());
            TaskEntity row = tasks.findById(current.id()).orElseThrow();
            if (row.getServiceId() != null) {
                notifier.serviceChanged(row.getServiceId());
            } else {
                notifier.taskChanged(current.id());
            }
        }
        return views.get(cluster, id);
    }
}
