package io.berth.app.console;

import io.berth.app.api.DeploymentActions;
import io.berth.app.security.access.Resource;
import io.berth.app.security.access.Verb;
import io.berth.app.security.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

/**
 * The service page's buttons: restart and roll back, through the same write path as
 * {@code POST /v1/clusters/{cluster}/services/{name}/restart|rollback} ({@link DeploymentActions}) after the same
 * authorization (create deployments in the cluster), and recorded in the audit trail under that route, refusals
 * too. A button the token may not use is not shown, and a hand-made post is refused 403 all the same.
 */
@Controller
@Hidden // pages, not API: kept out of the OpenAPI document
@ConditionalOnProperty(prefix = "berth.console", name = "enabled", havingValue = "true", matchIfMissing = true)
class ConsoleActions {

    private static final String SERVICE = "/v1/clusters/{cluster}/services/{name}/";
    private static final java.util.regex.Pattern TARGET = java.util.regex.Pattern.compile("[a-zA-Z0-9_-]{1,255}:[0-9]{1,9}");

    private final DeploymentActions actions;
    private final ConsoleAccess access;
    private final ConsoleAudit audit;

    ConsoleActions(DeploymentActions actions, ConsoleAccess access, ConsoleAudit audit) {
        this.actions = actions;
        this.access = access;
        this.audit = audit;
    }

    @PostMapping("/ui/clusters/{cluster}/services/{name}/restart")
    String restart(HttpServletRequest request, RedirectAttributes redirect,
                   @PathVariable String cluster, @PathVariable String name) {
        audited(request, "restart", cluster, name, () -> actions.restart(cluster, name));
        redirect.addFlashAttribute("done", "Restart started: the tasks are being replaced.");
        return "redirect:/ui/clusters/" + cluster + "/services/" + name;
    }

    @PostMapping("/ui/clusters/{cluster}/services/{name}/rollback")
    String rollback(HttpServletRequest request, RedirectAttributes redirect,
                    @PathVariable String cluster, @PathVariable String name,
                    @RequestParam(name = "taskDefinition", required = false) String target) {
        // Blank: the previous completed revision, as POST .../rollback without a body.
        String chosen = target == null || target.isBlank() ? null : target.strip();
        if (chosen != null && !TARGET.matcher(chosen).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "taskDefinition: must be a revision such as web:3, got \"" + abbreviate(chosen) + "\"");
        }
        audited(request, "rollback", cluster, name, () -> actions.rollback(cluster, name, chosen));
        redirect.addFlashAttribute("done", chosen == null
                ? "Rollback started: the service goes back to its previous revision."
                : "Rollback started: the service goes back to " + chosen + ".");
        return "redirect:/ui/clusters/" + cluster + "/services/" + name;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private void audited(HttpServletRequest request, String action, String cluster, String name, Runnable write) {
        Caller caller = ConsoleRequest.caller(request);
        int status = 500;
        try {
            access.require(caller, Verb.CREATE, Resource.DEPLOYMENTS, cluster);
            write.run();
            status = 201;
        } catch (ResponseStatusException e) {
            status = e.getStatusCode().value();
            throw e;
        } finally {
            audit.record(request, caller, SERVICE + action,
                    "/v1/clusters/" + cluster + "/services/" + name + "/" + action, List.of(), status);
        }
    }
}
