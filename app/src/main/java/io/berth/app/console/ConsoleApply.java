package io.berth.app.console;

import io.berth.app.api.ApplyService;
import io.berth.app.api.ApplyWait;
import io.berth.app.api.ConcurrencyCaps;
import io.berth.app.api.dto.ApplyResponse;
import io.berth.app.manifest.FieldError;
import io.berth.app.manifest.ManifestFormat;
import io.berth.app.manifest.ManifestSyntaxException;
import io.berth.app.manifest.ManifestValidationException;
import io.berth.app.security.identity.Caller;
import io.berth.app.web.TooManyRequestsException;
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

import java.time.Duration;
import java.util.List;

/**
 * The apply page: paste manifests (YAML or JSON), check them with a dry run — every invalid field named — then
 * apply. Goes through {@link ApplyService}, as {@code POST /v1/apply} does, and so through its per-document
 * authorization (create and update on each document's kind in its cluster) with the signed-in caller. With
 * "wait for rollouts" the page answers once the services' rollouts have finished (as {@code apply?wait=true}, under
 * the same cap on concurrent waits), at most {@link #WAIT} later.
 */
@Controller
@Hidden // pages, not API: kept out of the OpenAPI document
@ConditionalOnProperty(prefix = "berth.console", name = "enabled", havingValue = "true", matchIfMissing = true)
class ConsoleApply {

    /** A pasted manifest larger than this is refused before parsing (the API's own cap is berth.api.max-body-size). */
    static final int MAX_CHARS = 1_000_000;
    /** How long the page waits for rollouts: long enough for most, short of a browser's or proxy's patience. */
    static final Duration WAIT = Duration.ofMinutes(5);
    private static final String ROUTE = "/v1/apply";

    private final ApplyService applyService;
    private final ConcurrencyCaps caps;
    private final ConsoleAudit audit;

    ConsoleApply(ApplyService applyService, ConcurrencyCaps caps, ConsoleAudit audit) {
        this.applyService = applyService;
        this.caps = caps;
        this.audit = audit;
    }

    @GetMapping("/ui/apply")
    String form(Model model) {
        model.addAttribute("applyScriptPath", ConsoleAssets.APPLY_SCRIPT);
        return "console/apply";
    }

    @PostMapping("/ui/apply")
    String apply(HttpServletRequest request, HttpServletResponse response, Model model,
                 @RequestParam(required = false) String manifest, @RequestParam(required = false) String action,
                 @RequestParam(required = false) String wait) {
        Caller caller = ConsoleRequest.caller(request);
        boolean dryRun = !"apply".equals(action);
        boolean waiting = !dryRun && wait != null;
        model.addAttribute("manifest", manifest == null ? "" : manifest);
        model.addAttribute("waitChecked", wait != null);
        model.addAttribute("applyScriptPath", ConsoleAssets.APPLY_SCRIPT);
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
            ApplyResponse result;
            if (waiting) {
                // Taken before the apply, so that a refused wait stores nothing, as with the API.
                try (ConcurrencyCaps.Permit permit = caps.waiting()) {
                    ApplyWait.Answer answer = applyService.applyAndWait(manifest, ManifestFormat.YAML, WAIT);
                    result = answer.body();
                    status = answer.status().value();
                }
            } else {
                result = applyService.apply(manifest, ManifestFormat.YAML, dryRun);
                status = 200;
            }
            documents = result.documents().stream()
                    .map(d -> d.kind() + "/" + (d.cluster() == null ? "" : d.cluster() + "/") + d.name()).toList();
            response.setStatus(status);
            model.addAttribute("result", result);
            model.addAttribute("waited", waiting);
            if (result.error() != null) {
                model.addAttribute("error", result.error());
            }
            return "console/apply";
        } catch (TooManyRequestsException e) {
            status = 429;
            return refused(response, model, status, e.getMessage(), List.of());
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
