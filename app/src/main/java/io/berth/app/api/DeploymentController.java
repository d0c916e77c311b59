package io.berth.app.api;

import io.berth.app.api.dto.DeploymentView;
import io.berth.app.api.dto.RollbackRequest;
import io.berth.app.api.dto.RolloutView;
import io.berth.app.web.ApiError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.berth.app.web.ApiLimits;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/** A service's deployments: history, current rollout, rollback and restart. */
@RestController
@RequestMapping(path = "/v1/clusters/{cluster}/services/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "deployments", description = "Rollouts of a service: history, status, rollback, restart")
public class DeploymentController {

    private final DeploymentViews views;
    private final DeploymentActions actions;

    private final ApiLimits api;

    public DeploymentController(DeploymentViews views, DeploymentActions actions, ApiLimits api) {
        this.api = api;
        this.views = views;
        this.actions = actions;
    }

    @GetMapping("/deployments")
    @Operation(summary = "The service's deployments, newest first, with their task counts",
            description = "Paged: at most `limit` deployments, newest first (default berth.api.default-page-size); when there are more, the "
                    + "Berth-Continue response header holds the token to pass as `continue`.")
    public ResponseEntity<List<DeploymentView>> deployments(
            @PathVariable String cluster, @PathVariable String name,
            @Parameter(description = "Items per page, 1 to berth.api.max-page-size (1000)")
            @RequestParam(required = false) String limit,
            @Parameter(description = "The Berth-Continue header of the previous page: the page after it")
            @RequestParam(name = "continue", required = false) String continueToken) {
        return views.history(cluster, name, PageRequest.parse(limit, continueToken, api)).response();
    }

    @GetMapping("/rollout")
    @Operation(summary = "The current (PRIMARY) deployment: done and succeeded tell whether the rollout ended, and how")
    public RolloutView rollout(@PathVariable String cluster, @PathVariable String name) {
        return views.rollout(cluster, name);
    }

    @PostMapping("/rollback")
    @Operation(summary = "Go back to an earlier revision, like kubectl rollout undo",
            description = "Without a body (or {}), to the newest completed deployment of another revision; "
                    + "{\"taskDefinition\": \"web:3\"} (or \"3\") names one.")
    @ApiResponse(responseCode = "202", description = "The new deployment (trigger ROLLBACK); the loop rolls it out")
    @ApiResponse(responseCode = "404", description = "Unknown cluster or service")
    @ApiResponse(responseCode = "409", description = "Being deleted, already on that revision, or nothing to go back to")
    @ApiResponse(responseCode = "422", description = "taskDefinition malformed, of another family, or unknown")
    public ResponseEntity<DeploymentView> rollback(@PathVariable String cluster, @PathVariable String name,
                                                   @RequestBody(required = false) RollbackRequest body) {
        String target = body == null ? null : body.taskDefinition();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(actions.rollback(cluster, name, target));
    }

    @PostMapping("/restart")
    @Operation(summary = "Replace every task with a new one of the same revision, like kubectl rollout restart")
    @ApiResponse(responseCode = "202", description = "The new deployment (trigger RESTART); the loop rolls it out")
    @ApiResponse(responseCode = "404", description = "Unknown cluster or service")
    @ApiResponse(responseCode = "409", description = "The service is being deleted")
    public ResponseEntity<DeploymentView> restart(@PathVariable String cluster, @PathVariable String name) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(actions.restart(cluster, name));
    }

    @ExceptionHandler(InvalidFieldException.class)
    ResponseEntity<ApiError> invalidField(InvalidFieldException e) {
        HttpStatus status = HttpStatus.UNPROCESSABLE_CONTENT;
        return ResponseEntity.status(status).body(new ApiError(status.value(), status.getReasonPhrase(),
                "request is invalid: " + e.field() + " " + e.getMessage(),
                List.of(new ApiError.FieldMessage(e.field(), e.getMessage()))));
    }
}
