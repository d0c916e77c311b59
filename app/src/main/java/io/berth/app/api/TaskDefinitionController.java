package io.berth.app.api;

import io.berth.app.api.dto.ApplyResult;
import io.berth.app.api.dto.EcsRegistrationView;
import io.berth.app.api.dto.TaskDefinitionFamilyView;
import io.berth.app.manifest.EcsTaskDefinitionParser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import io.berth.app.api.dto.TaskDefinitionRevisionsView;
import io.berth.app.api.dto.TaskDefinitionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.berth.app.web.ApiLimits;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/**
 * Task definitions. "{family}" and "{family}:{revision}" share one path segment; the patterns are
 * restricted to family characters (no ':') so that each request matches exactly one of them.
 */
@RestController
@RequestMapping(path = "/v1/task-definitions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "task definitions", description = "Registered task definition families and revisions")
public class TaskDefinitionController {

    private final TaskDefinitionViews views;
    private final ApplyService applyService;
    private final TaskDefinitionDeregistration deregistration;
    private final EcsTaskDefinitionParser ecsParser = new EcsTaskDefinitionParser();

    private final ApiLimits api;
    private final EnvRedaction redaction;

    public TaskDefinitionController(TaskDefinitionViews views, ApplyService applyService,
                                    TaskDefinitionDeregistration deregistration, ApiLimits api, EnvRedaction redaction) {
        this.redaction = redaction;
        this.api = api;
        this.views = views;
        this.deregistration = deregistration;
        this.applyService = applyService;
    }

    /**
     * ECS's register-task-definition: the body of {@code aws ecs register-task-definition --cli-input-json}, unchanged.
     * Like apply, registering the latest ACTIVE revision's definition again creates no new revision.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register an ECS task definition (register-task-definition JSON); AWS-only fields are "
            + "accepted with warnings or refused with the reason")
    public ResponseEntity<EcsRegistrationView> register(@RequestBody String body) {
        EcsTaskDefinitionParser.Registration registration = ecsParser.parse(body);
        ApplyResult result = applyService.applyDocuments(List.of(registration.document())).documents().getFirst();
        EcsRegistrationView view = new EcsRegistrationView(result.name(), result.revision(), result.result(),
                registration.warnings(), TaskDefinitionSpecRenderer.render(registration.document().spec(), redaction));
        return ResponseEntity.status(result.result() == ApplyResult.Outcome.UNCHANGED ? HttpStatus.OK : HttpStatus.CREATED)
                .body(view);
    }

    @GetMapping
    @Operation(summary = "List task definition families with their latest revision",
            description = "Paged: at most `limit` families, by name (default berth.api.default-page-size); when there are more, the "
                    + "Berth-Continue response header holds the token to pass as `continue`.")
    public ResponseEntity<List<TaskDefinitionFamilyView>> families(
            @Parameter(description = "Items per page, 1 to berth.api.max-page-size (1000)")
            @RequestParam(required = false) String limit,
            @Parameter(description = "The Berth-Continue header of the previous page: the page after it")
            @RequestParam(name = "continue", required = false) String continueToken) {
        return views.families(PageRequest.parse(limit, continueToken, api)).response();
    }

    @GetMapping("/{family:[a-zA-Z0-9_-]+}")
    @Operation(summary = "List the revisions of a family",
            description = "Paged: the family with at most `limit` of its revisions, oldest first (default "
                    + "berth.api.default-page-size); when there are more, the Berth-Continue response header holds "
                    + "the token to pass as `continue`.")
    public ResponseEntity<TaskDefinitionRevisionsView> revisions(
            @PathVariable String family,
            @Parameter(description = "Items per page, 1 to berth.api.max-page-size (1000)")
            @RequestParam(required = false) String limit,
            @Parameter(description = "The Berth-Continue header of the previous page: the page after it")
            @RequestParam(name = "continue", required = false) String continueToken) {
        Page<TaskDefinitionRevisionsView> page = views.revisions(family, PageRequest.parse(limit, continueToken, api));
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (page.next() != null) {
            ok.header(Page.CONTINUE_HEADER, page.next());
        }
        return ok.body(page.items().getFirst());
    }

    @GetMapping("/{family:[a-zA-Z0-9_-]+}:{revision:[0-9]+}")
    @Operation(summary = "Describe one revision; its spec can be applied again as it is")
    public TaskDefinitionView revision(@PathVariable String family, @PathVariable String revision) {
        return views.revision(family, parseRevision(family, revision));
    }

    @DeleteMapping("/{family:[a-zA-Z0-9_-]+}:{revision:[0-9]+}")
    @Operation(summary = "Deregister a revision: INACTIVE, its running tasks keep running, no new service may use it; "
            + "it stays describable")
    public TaskDefinitionView deregister(@PathVariable String family, @PathVariable String revision) {
        int number = parseRevision(family, revision);
        deregistration.deregister(family, number);
        return views.revision(family, number);
    }

    /** A revision too large for an int cannot exist. */
    private static int parseRevision(String family, String revision) {
        try {
            return Integer.parseInt(revision);
        } catch (NumberFormatException e) {
            throw ApiErrors.notFound("task definition " + family + ":" + revision + " not found");
        }
    }
}
