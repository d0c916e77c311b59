package io.berth.app.console;

import io.berth.app.instances.InstanceRegistration;
import io.berth.app.security.access.Resource;
import io.berth.app.security.access.Verb;
import io.berth.app.security.identity.Caller;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.UUID;

/**
 * The instances page's Drain and Activate buttons: the same write as
 * {@code PUT /v1/clusters/{cluster}/container-instances/{id}/status} ({@link InstanceRegistration#setStatus}) after
 * the same authorization (update instances in the cluster), recorded in the audit trail under that route, refusals
 * too. A form can only post, so each status has its own address rather than a body naming it.
 */
@Controller
@Hidden // pages, not API: kept out of the OpenAPI document
@ConditionalOnProperty(prefix = "berth.console", name = "enabled", havingValue = "true", matchIfMissing = true)
class ConsoleInstanceActions {

    private static final String ROUTE = "/v1/clusters/{cluster}/container-instances/{id}/status";

    private final InstanceRegistration registration;
    private final ConsoleAccess access;
    private final ConsoleAudit audit;

    ConsoleInstanceActions(InstanceRegistration registration, ConsoleAccess access, ConsoleAudit audit) {
        this.registration = registration;
        this.access = access;
        this.audit = audit;
    }

    @PostMapping("/ui/clusters/{cluster}/instances/{id}/drain")
    String drain(HttpServletRequest request, RedirectAttributes redirect,
                 @PathVariable String cluster, @PathVariable String id) {
        set(request, cluster, id, "DRAINING");
        redirect.addFlashAttribute("done", "Draining " + id + ": its service tasks move to other instances.");
        return "redirect:/ui/clusters/" + cluster + "/instances";
    }

    @PostMapping("/ui/clusters/{cluster}/instances/{id}/activate")
    String activate(HttpServletRequest request, RedirectAttributes redirect,
                    @PathVariable String cluster, @PathVariable String id) {
        set(request, cluster, id, "ACTIVE");
        redirect.addFlashAttribute("done", "Activated " + id + ": new tasks may be placed there again.");
        return "redirect:/ui/clusters/" + cluster + "/instances";
    }

    private void set(HttpServletRequest request, String cluster, String id, String status) {
        Caller caller = ConsoleRequest.caller(request);
        int code = 500;
        try {
            access.require(caller, Verb.UPDATE, Resource.INSTANCES, cluster);
            registration.setStatus(cluster, parse(id), status);
            code = 200;
        } catch (ResponseStatusException e) {
            code = e.getStatusCode().value();
            throw e;
        } finally {
            audit.record(request, caller, "PUT", ROUTE,
                    "/v1/clusters/" + cluster + "/container-instances/" + id + "/status", List.of(), code);
        }
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no container instance " + id);
        }
    }
}
