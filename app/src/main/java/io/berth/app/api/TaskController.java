package io.berth.app.api;

import io.berth.app.api.dto.TaskView;
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
@RequestMapping(path = "/v1/clusters/{cluster}/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "tasks", description = "Tasks: placements of a task definition on a Docker host")
public class TaskController {

    private final TaskViews views;

    public TaskController(TaskViews views) {
        this.views = views;
    }

    @GetMapping
    @Operation(summary = "List a cluster's tasks, newest first")
    public List<TaskView> tasks(
            @PathVariable String cluster,
            @Parameter(description = "Only the tasks of this service") @RequestParam(required = false) String service,
            @Parameter(description = "Only tasks with this desired status (as ECS's list-tasks --desired-status)",
                    schema = @Schema(allowableValues = {"RUNNING", "STOPPED"}))
            @RequestParam(required = false) String status) {
        return views.list(cluster, service, desiredStatus(status));
    }

    @GetMapping("/{id}")
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
            throw ApiErrors.badRequest("status must be RUNNING or STOPPED, got \"" + status + "\"");
        }
    }
}
