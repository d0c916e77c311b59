package io.berth.app.console;

import io.berth.app.security.identity.BadCredentialsException;
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

import java.util.Optional;

/**
 * Sign-in with an API token (the bootstrap admin token, an API token, an OIDC access token) and sign-out. The token
 * is checked by the API's own authenticators and kept on the server; the browser gets a session cookie only.
 */
@Controller
@Hidden // pages, not API: kept out of the OpenAPI document
@ConditionalOnProperty(prefix = "berth.console", name = "enabled", havingValue = "true", matchIfMissing = true)
class SignInController {

    private final ConsoleSessions sessions;
    private final ConsoleIdentity identity;

    SignInController(ConsoleSessions sessions, ConsoleIdentity identity) {
        this.sessions = sessions;
        this.identity = identity;
    }

    @GetMapping("/ui")
    String home() {
        return "redirect:/ui/clusters";
    }

    @GetMapping(ConsoleInterceptor.SIGN_IN)
    String signInForm(HttpServletRequest request, HttpServletResponse response, Model model,
                      @RequestParam(name = "signed-out", required = false) String signedOut) {
        if (sessions.find(ConsoleCookies.read(request, ConsoleCookies.SESSION)).isPresent()) {
            return "redirect:/ui/clusters";
        }
        if (signedOut != null) {
            model.addAttribute("notice", "You are signed out.");
        }
        return form(request, response, model);
    }

    @PostMapping(ConsoleInterceptor.SIGN_IN)
    String signIn(HttpServletRequest request, HttpServletResponse response, Model model,
                  @RequestParam(required = false) String token,
                  @RequestParam(name = ConsoleInterceptor.CSRF_PARAMETER, required = false) String csrf) {
        if (!ConsoleSessions.same(ConsoleCookies.read(request, ConsoleCookies.SIGN_IN), csrf)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            model.addAttribute("error", "The sign-in form expired or did not come from this console: try again.");
            return form(request, response, model);
        }
        if (token == null || token.isBlank()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", "token: enter an API token.");
            return form(request, response, model);
        }
        Optional<Caller> caller;
        try {
            caller = identity.resolve(token);
        } catch (BadCredentialsException e) {
            caller = Optional.empty();
            model.addAttribute("error", "token: " + e.getMessage());
        }
        if (caller.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            model.addAttribute("error", model.getAttribute("error") != null ? model.getAttribute("error")
                    : "token: not a valid Berth token.");
            return form(request, response, model);
        }
        ConsoleSessions.Session session = sessions.create(token.strip());
        ConsoleCookies.set(request, response, ConsoleCookies.SESSION, session.id());
        ConsoleCookies.clear(request, response, ConsoleCookies.SIGN_IN);
        return "redirect:/ui/clusters";
    }

    /** Reaches here only through the interceptor: a live session and the session's CSRF value. */
    @PostMapping("/ui/sign-out")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        sessions.remove(ConsoleRequest.session(request).id());
        ConsoleCookies.clear(request, response, ConsoleCookies.SESSION);
        return "redirect:/ui/sign-in?signed-out";
    }

    private String form(HttpServletRequest request, HttpServletResponse response, Model model) {
        String csrf = sessions.secret();
        ConsoleCookies.set(request, response, ConsoleCookies.SIGN_IN, csrf);
        model.addAttribute("signInCsrf", csrf);
        return "console/sign-in";
    }
}
