package io.berth.app.console;

import io.berth.app.security.access.AccessDeniedException;
import io.berth.app.security.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ResponseStatusException;

/**
 * What every console page needs (who is signed in, the session's CSRF value for its forms, the asset paths), and
 * errors as pages: 403 names what the token lacks, 404 what was not found. Ordered before the API's JSON handler,
 * and for the console's controllers only.
 */
@ControllerAdvice(assignableTypes = {ConsolePages.class, SignInController.class, ConsoleActions.class, ConsoleApply.class,
        ConsoleTaskStreams.class, ConsoleInstanceActions.class, ConsoleTaskDefinitions.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

    @ModelAttribute
    void common(HttpServletRequest request, Model model) {
        Caller.of(request).ifPresent(caller -> {
            model.addAttribute("me", caller.name());
            model.addAttribute("meDescribed", ConsoleAccess.describe(caller));
        });
        if (request.getAttribute(ConsoleRequest.SESSION) instanceof ConsoleSessions.Session session) {
            model.addAttribute("csrf", session.csrf());
        }
        model.addAttribute("fmt", ConsoleFormat.INSTANCE);
        model.addAttribute("htmxPath", ConsoleAssets.HTMX);
        model.addAttribute("htmxSsePath", ConsoleAssets.HTMX_SSE);
        model.addAttribute("cssPath", ConsoleAssets.STYLESHEET);
    }

    @ExceptionHandler(AccessDeniedException.class)
    String denied(AccessDeniedException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return error(request, response, model, HttpServletResponse.SC_FORBIDDEN, "Not allowed", e.getMessage());
    }

    @ExceptionHandler(ResponseStatusException.class)
    String status(ResponseStatusException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return error(request, response, model, e.getStatusCode().value(),
                e.getStatusCode().is4xxClientError() ? "Cannot do that" : "Error", e.getReason());
    }

    private String error(HttpServletRequest request, HttpServletResponse response, Model model, int status,
                         String title, String message) {
        common(request, model);
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return "console/error";
    }
}
