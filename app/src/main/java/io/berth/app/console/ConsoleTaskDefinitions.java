package io.berth.app.console;

import io.berth.app.api.FirstPages;
import io.berth.app.api.TaskDefinitionViews;
import io.berth.app.api.dto.TaskDefinitionRevisionView;
import io.berth.app.api.dto.TaskDefinitionView;
import io.berth.app.security.access.Resource;
import io.berth.app.security.access.Verb;
import io.berth.app.security.identity.Caller;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;

/**
 * Task definitions in the console: the families, a family's revisions, one revision's spec, and two revisions side
 * by side with their line diff. Task definitions are global (every cluster's services use the same ones), so these
 * pages hang off {@code /ui/task-definitions}; each checks what {@code GET /v1/task-definitions...} checks and
 * reads through the same views, so environment values stay redacted and secrets stay references.
 */
@Controller
@Hidden // pages, not API: kept out of the OpenAPI document
@ConditionalOnProperty(prefix = "berth.console", name = "enabled", havingValue = "true", matchIfMissing = true)
class ConsoleTaskDefinitions {

    private static final String FAMILY = "{family:[a-zA-Z0-9_-]+}";

    private final FirstPages pages;
    private final TaskDefinitionViews views;
    private final ConsoleAccess access;
    private final ConsoleProperties props;

    ConsoleTaskDefinitions(FirstPages pages, TaskDefinitionViews views, ConsoleAccess access, ConsoleProperties props) {
        this.pages = pages;
        this.views = views;
        this.access = access;
        this.props = props;
    }

    @GetMapping("/ui/task-definitions")
    String families(HttpServletRequest request, Model model) {
        access.require(ConsoleRequest.caller(request), Verb.LIST, Resource.TASK_DEFINITIONS, null);
        FirstPages.Rows<io.berth.app.api.dto.TaskDefinitionFamilyView> rows = pages.taskDefinitionFamilies(props.listLimit());
        model.addAttribute("families", rows.items());
        model.addAttribute("more", rows.more());
        return "console/task-definitions";
    }

    @GetMapping("/ui/task-definitions/" + FAMILY)
    String family(HttpServletRequest request, Model model, @PathVariable String family) {
        access.require(ConsoleRequest.caller(request), Verb.GET, Resource.TASK_DEFINITIONS, null);
        FirstPages.Rows<TaskDefinitionRevisionView> rows = pages.taskDefinitionRevisions(family, props.listLimit());
        List<TaskDefinitionRevisionView> revisions = rows.items();
        model.addAttribute("family", family);
        model.addAttribute("revisions", revisions);
        model.addAttribute("more", rows.more());
        // The form starts on the last change: the newest revision against the one before it.
        model.addAttribute("from", revisions.size() > 1 ? revisions.get(revisions.size() - 2).revision() : null);
        model.addAttribute("to", revisions.isEmpty() ? null : revisions.getLast().revision());
        return "console/task-definition-family";
    }

    @GetMapping("/ui/task-definitions/" + FAMILY + "/revisions/{revision}")
    String revision(HttpServletRequest request, Model model, @PathVariable String family, @PathVariable String revision) {
        access.require(ConsoleRequest.caller(request), Verb.GET, Resource.TASK_DEFINITIONS, null);
        TaskDefinitionView view = read(family, revision, "revision");
        model.addAttribute("revision", view);
        model.addAttribute("yaml", RevisionText.yaml(view.spec()));
        return "console/task-definition";
    }

    @GetMapping("/ui/task-definitions/" + FAMILY + "/diff")
    String diff(HttpServletRequest request, Model model, @PathVariable String family,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Caller caller = ConsoleRequest.caller(request);
        access.require(caller, Verb.GET, Resource.TASK_DEFINITIONS, null);
        TaskDefinitionView left = read(family, from, "from");
        TaskDefinitionView right = read(family, to, "to");
        model.addAttribute("family", family);
        model.addAttribute("left", left);
        model.addAttribute("right", right);
        model.addAttribute("diff", SideBySideDiff.of(RevisionText.lines(left.spec()), RevisionText.lines(right.spec())));
        return "console/task-definition-diff";
    }

    /** @param field the form field that named the revision, for a 400 that says which one was wrong */
    private TaskDefinitionView read(String family, String revision, String field) {
        if (revision == null || revision.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, field + ": choose a revision");
        }
        int number;
        try {
            number = Integer.parseInt(revision.strip());
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, field + ": must be a revision number, got \""
                    + (revision.length() > 20 ? revision.substring(0, 20) + "…" : revision) + "\"");
        }
        if (number < 1) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, field + ": must be 1 or more, got " + number);
        }
        return views.revision(family, number); // 404 when the family has no such revision
    }
}
