package io.berth.app.api;

import io.berth.app.api.dto.RunTaskRequest;
import io.berth.app.api.dto.RunTaskResponse;
import io.berth.app.api.dto.StopTaskRequest;
import io.berth.app.api.dto.TaskView;
import io.berth.app.manifest.ManifestValidationException;
import io.berth.app.web.ApiError;
import io.berth.app.web.ApiLimits;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import io.berth.db.model.DesiredStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

@RestController
@RequestMapping(path = "/v1/clusters/{cluster}/tasks")
@Tag(name = "tasks", description = "Tasks: placements of a task definition on a Docker host")
public class TaskController {

    private final TaskViews views;
    private final TaskRuns runs;
    private final TaskLogs logs;
    private final ApiLimits api;

    public TaskController(TaskViews views, TaskRuns runs, TaskLogs logs, ApiLimits api) {
        this.views = views;
        this.runs = runs;
        this.logs = logs;
        this.api = api;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List a cluster's tasks, newest first",
            description = "Paged: at most `limit` tasks (default berth.api.default-page-size); when there are more, "
                    + "the Berth-Continue response header holds the token to pass as `continue` for the next page.")
    public ResponseEntity<List<TaskView>> tasks(
            @PathVariable String cluster,
            @Parameter(description = "Only the tasks of the service that now has this name (none when no service has it): "
                    + "a service deleted and created again under the same name does not inherit the old one's tasks")
            @RequestParam(required = false) String service,
            @Parameter(description = "Only tasks with this desired status (as ECS's list-tasks --desired-status)",
                    schema = @Schema(allowableValues = {"RUNNING", "STOPPED"}))
            @RequestParam(required = false) String desiredStatus,
            @Parameter(description = "Same as desiredStatus (older name)", schema = @Schema(allowableValues = {"RUNNING", "STOPPED"}))
            @RequestParam(required = false) String status,
            @Parameter(description = "Only tasks run-task started with this startedBy") @RequestParam(required = false) String startedBy,
            @Parameter(description = "Only tasks run-task started in this group") @RequestParam(required = false) String group,
            @Parameter(description = "Only tasks of this task definition family") @RequestParam(required = false) String family,
            @Parameter(description = "Tasks per page, 1 to berth.api.max-page-size (1000)")
            @RequestParam(required = false) String limit,
            @Parameter(description = "The Berth-Continue header of the previous page: the page after it")
            @RequestParam(name = "continue", required = false) String continueToken) {
        PageRequest page = PageRequest.parse(limit, continueToken, api);
        DesiredStatus desired = desiredStatus(desiredStatus != null ? desiredStatus : status);
        return views.page(cluster, new TaskFilter(service, desired, startedBy, group, family), page).response();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Run one-off tasks (ECS run-task)",
            description = "Places `count` (1..10) tasks of the task definition with the scheduler, records them and lets "
                    + "the loop start them. Batch tasks run to completion and are never restarted. Tasks no instance can "
                    + "take are answered in `failures` with the scheduler's reason.")
    public ResponseEntity<RunTaskResponse> run(@PathVariable String cluster, @RequestBody RunTaskRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(runs.run(cluster, request));
    }

    @PostMapping(path = "/{id}/stop", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Stop a task (ECS stop-task)",
            description = "desiredStatus STOPPED with the reason (stopCode UserInitiated); a task behind a load balancer "
                    + "is drained first (lastStatus DEACTIVATING); then its containers get SIGTERM, "
                    + "then SIGKILL after the stop timeout. A service replaces a task stopped this way.")
    public TaskView stop(@PathVariable String cluster, @PathVariable String id,
                         @RequestBody(required = false) StopTaskRequest request) {
        return runs.stop(cluster, id, request == null ? null : request.reason());
    }

    @GetMapping(path = "/{id}/containers/{name}/logs", produces = {MediaType.TEXT_PLAIN_VALUE, MediaType.ALL_VALUE})
    @Operation(summary = "Stream a task container's output (stdout and stderr) as plain text",
            description = "From the engine of the task's host, while the container exists (stopped tasks' containers "
                    + "are kept for berth.reconciler.stopped-task-retention). With follow=true the response goes on "
                    + "until the container stops (at most an hour); a client that disconnects ends it. At most "
                    + "berth.api.max-concurrent-log-follows follows at once: more are answered 429 with Retry-After.")
    public ResponseEntity<ResponseBodyEmitter> logs(
            @PathVariable String cluster, @PathVariable String id, @PathVariable String name,
            @Parameter(description = "Keep streaming until the container stops") @RequestParam(defaultValue = "false") boolean follow,
            @Parameter(description = "Only the last N lines") @RequestParam(required = false) Integer tail,
            @Parameter(description = "Only output since an instant (2026-01-01T10:00:00Z) or a duration ago (10m)")
            @RequestParam(required = false) String since) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN)
                .body(logs.stream(cluster, id, name, follow, tail, since));
    }

    /** Bad run-task/stop-task fields: 422 naming each field, in the manifest errors' shape. */
    @ExceptionHandler(ManifestValidationException.class)
    ResponseEntity<ApiError> invalid(ManifestValidationException e) {
        HttpStatus status = HttpStatus.UNPROCESSABLE_CONTENT;
        return ResponseEntity.status(status).body(new ApiError(status.value(), status.getReasonPhrase(),
                "request is invalid: " + e.getMessage(),
                e.errors().stream().map(f -> new ApiError.FieldMessage(f.path(), f.message())).toList()));
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Describe one task")
    public TaskView task(@PathVariable String cluster, @PathVariable String id) {
        return views.get(cluster, id);
    }

    private static DesiredStatus desiredStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DesiredStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiErrors.badRequest("desiredStatus must be RUNNING or STOPPED, got \"" + status + "\"");
        }
    }
}
