package io.berth.app.api;

import io.berth.app.api.ApplyPlan.ScheduledTaskStep;
import io.berth.app.api.dto.ApplyResult.Outcome;
import io.berth.app.api.dto.RunTaskRequest;
import io.berth.app.manifest.ErrorCollector;
import io.berth.app.manifest.FieldError;
import io.berth.app.manifest.ScheduledTaskDocument;
import io.berth.db.model.ScheduledTaskEntity;
import io.berth.db.repository.ScheduledTaskRepository;
import io.berth.reconciler.desiredstate.ScheduledTaskWrite;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOverrides;
import io.berth.reconciler.schedule.ScheduledTaskSpec;
import io.berth.reconciler.store.ScheduledTaskJson;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Optional;

/**
 * The apply's part for ScheduledTask documents, reading only: its overrides checked as run-task checks them, against
 * the task definition it names (resolved by the apply planner), and what the apply does to the stored one.
 */
@Component
class ScheduledTaskApplyPlanner {

    private final ScheduledTaskRepository scheduledTasks;
    private final JsonText json;
    private final ScheduledTaskJson specJson = new ScheduledTaskJson();
    private final JsonMapper mapper = JsonMapper.builder().build();

    ScheduledTaskApplyPlanner(ScheduledTaskRepository scheduledTasks, JsonText json) {
        this.scheduledTasks = scheduledTasks;
        this.json = json;
    }

    /** @param taskDefinition the spec of the revision {@code spec.taskDefinition} names now */
    ScheduledTaskStep plan(String path, ScheduledTaskDocument document, TaskDefinitionSpec taskDefinition,
                           List<FieldError> errors) {
        RunTaskRequest.Overrides overrides = null;
        if (document.overrides() != null && !document.overrides().isNull()) {
            try {
                overrides = mapper.treeToValue(document.overrides(), RunTaskRequest.Overrides.class);
            } catch (JacksonException e) {
                errors.add(new FieldError(path + ".spec.overrides", "must be run-task's overrides:"
                        + " {containerOverrides: [{name, command, environment, cpu, memory}]}"));
                return null;
            }
        }
        ErrorCollector found = new ErrorCollector();
        TaskOverrides checked = RunTaskValidator.overrides(new RunTaskRequest(document.spec().taskDefinition(), 1,
                overrides, null, null), taskDefinition, found);
        if (found.hasErrors()) {
            found.toResult().errors().forEach(e -> errors.add(new FieldError(path + ".spec." + e.path(), e.message())));
            return null;
        }
        ScheduledTaskSpec s = document.spec();
        ScheduledTaskSpec spec = new ScheduledTaskSpec(s.schedule(), s.timezone(), s.taskDefinition(), s.count(),
                checked, s.placement(), s.concurrency(), s.startingDeadline(), s.successfulHistoryLimit(),
                s.failedHistoryLimit(), s.suspend());
        String stored = specJson.toJson(spec);
        String labels = json.canonical(document.labels());
        Optional<ScheduledTaskEntity> existing = scheduledTasks.findByClusterAndName(document.cluster(),
                document.name());
        Outcome outcome = existing.isEmpty() ? Outcome.CREATED
                : existing.get().getSpec().equals(stored) && existing.get().getLabels().equals(labels)
                ? Outcome.UNCHANGED : Outcome.CONFIGURED;
        return new ScheduledTaskStep(new ScheduledTaskWrite(document.cluster(), document.name(), stored, labels),
                outcome, s.taskDefinition());
    }
}
