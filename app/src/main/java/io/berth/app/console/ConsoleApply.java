package io.berth.app.console;

import io.berth.app.api.ApplyService;
import io.berth.app.api.dto.ApplyResponse;
import io.berth.app.manifest.FieldError;
import io.berth.app.manifest.ManifestFormat;
import io.berth.app.manifest.ManifestSyntaxException;
import io.berth.app.manifest.ManifestValidationException;
import io.berth.app.security.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;

/**
 * The apply page: paste manifests (YAML or JSON), check them with a dry run — every invalid field named — then
 * apply. Goes through {@link ApplyService}, as {@code POST /v1/apply} does, and so through its per-document
 * authorization (create and update on each document's kind in its cluster) with the signed-in caller.
 */
@Controller
@Hidden // pages, not API: kept out of the OpenAPI document
@ConditionalOnProperty(prefix = "berth.console", name = "enabled", havingValue = "true", matchIfMissing = true)
class ConsoleApply {

    /** A pasted manifest larger than this is refused before parsing (the API's own cap is berth.api.max-body-size). */
    static final int MAX_CHARS = 1_000_000;
    private static final String ROUTE = "/v1/apply";

    private final ApplyService applyService;
    private final ConsoleAudit audit;

    ConsoleApply(ApplyService applyService, ConsoleAudit audit) {
        this.applyService = applyService;
        this.audit = audit;
    }

    @GetMapping("/ui/apply")
    String form() {
        return "console/apply";
    }

    @PostMapping("/ui/apply")
    String apply(HttpServletRequest request, HttpServletResponse response, Model model,
                 @RequestParam(required = false) String manifest, @RequestParam(required = false) String action) {
        Caller caller = ConsoleRequest.caller(request);
        boolean dryRun = !"apply".equals(action);
        model.addAttribute("manifest", manifest == null ? "" : manifest);
        if (manifest == null || manifest.isBlank()) {
            return refused(response, model, 400, "manifest: paste one or more documents", List.of());
        }
        if (manifest.length() > MAX_CHARS) {
            return refused(response, model, 413, "manifest: larger than " + MAX_CHARS + " characters", List.of());
        }
        int status = 500;
        List<String> documents = List.of();
        try {
            // JSON is YAML too: one parser reads both.
            ApplyResponse result = applyService.apply(manifest, ManifestFormat.YAML, dryRun);
            documents = result.documents().stream()
                    .map(d -> d.kind() + "/" + (d.cluster() == null ? "" : d.cluster() + "/") + d.name()).toList();
            status = 200;
            model.addAttribute("result", result);
            return "console/apply";
        } catch (ManifestSyntaxException e) {
            status = 400;
            return refused(response, model, status, e.getMessage(), List.of());
        } catch (ManifestValidationException e) {
            status = 422;
            return refused(response, model, status, "manifest is invalid: " + e.errors().size() + " invalid field"
                    + (e.errors().size() == 1 ? "" : "s"), e.errors());
        } catch (ResponseStatusException e) { // 403 for a document the token may not apply, 404, 409
            status = e.getStatusCode().value();
            return refused(response, model, status, e.getReason(), List.of());
        } finally {
            audit.record(request, caller, ROUTE, ROUTE, documents, status);
        }
    }

    private static String refused(HttpServletResponse response, Model model, int status, String message,
                                  List<FieldError> fields) {
        response.setStatus(status);
        model.addAttribute("error", message);
        model.addAttribute("fields", fields);
        return "console/apply";
    }
}
