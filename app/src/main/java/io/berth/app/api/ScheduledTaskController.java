package io.berth.app.api;

import io.berth.app.api.dto.ScheduledTaskView;
import io.berth.app.wakeups.ReconcileNotifier;
import io.berth.app.web.ApiLimits;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping(path = "/v1/clusters/{cluster}/scheduled-tasks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "scheduled-tasks", description = "Tasks run on a schedule (kind: ScheduledTask), applied as manifests")
public class ScheduledTaskController {

    private final ScheduledTaskViews views;
    private final DesiredStateWrites writes;
    private final ReconcileNotifier notifier;
    private final ApiLimits api;

    public ScheduledTaskController(ScheduledTaskViews views, DesiredStateWrites writes, ReconcileNotifier notifier,
                                   ApiLimits api) {
        this.views = views;
        this.writes = writes;
        this.notifier = notifier;
        this.api = api;
    }

    @GetMapping
    @Operation(summary = "List a cluster's scheduled tasks by name, with next and last run",
            description = "Paged: at most `limit` (default berth.api.default-page-size); when there are more, the "
                    + "Berth-Continue response header holds the token to pass as `continue`.")
    public ResponseEntity<List<ScheduledTaskView>> list(
            @PathVariable String cluster,
            @Parameter(description = "Scheduled tasks per page, 1 to berth.api.max-page-size")
            @RequestParam(required = false) String limit,
            @Parameter(description = "The Berth-Continue header of the previous page: the page after it")
            @RequestParam(name = "continue", required = false) String continueToken) {
        return views.list(cluster, PageRequest.parse(limit, continueToken, api)).response();
    }

    @GetMapping("/{name}")
    @Operation(summary = "Describe a scheduled task: schedule, next run, last run, last exit codes, firings kept")
    public ScheduledTaskView get(@PathVariable String cluster, @PathVariable String name) {
        return views.get(cluster, name);
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Delete a scheduled task and its firing history; tasks it started run on")
    @ApiResponse(responseCode = "204", description = "Deleted")
    public ResponseEntity<Void> delete(@PathVariable String cluster, @PathVariable String name) {
        views.find(cluster, name);
        if (!writes.deleteScheduledTask(cluster, name)) {
            throw ApiErrors.notFound("scheduled task \"" + name + "\" not found in cluster \"" + cluster + "\"");
        }
        notifier.scheduledTasksChanged();
        return ResponseEntity.noContent().build();
    }
}
