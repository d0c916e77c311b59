package io.berth.app.console;

import io.berth.app.security.identity.BadCredentialsException;
import io.berth.app.security.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * In front of every console page but sign-in: finds the session from its cookie, has the API's authenticators
 * check its token again (a revoked or expired token ends the session), and refuses a form post whose CSRF value is
 * not the session's. Puts the {@link Caller} on the request as the API's authentication filter does, so pages and
 * actions are authorized exactly as API calls.
 */
final class ConsoleInterceptor implements HandlerInterceptor {

    static final String CSRF_PARAMETER = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SIGN_IN = "/ui/sign-in";

    private final ConsoleSessions sessions;
    private final ConsoleIdentity identity;

    ConsoleInterceptor(ConsoleSessions sessions, ConsoleIdentity identity) {
        this.sessions = sessions;
        this.identity = identity;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        securityHeaders(response);
        if (request.getRequestURI().equals(SIGN_IN)) {
            return true;
        }
        Optional<ConsoleSessions.Session> session = sessions.find(ConsoleCookies.read(request, ConsoleCookies.SESSION));
        if (session.isEmpty()) {
            return signInFirst(request, response);
        }
        Optional<Caller> caller;
        try {
            caller = identity.resolve(session.get().token());
        } catch (BadCredentialsException e) {
            caller = Optional.empty();
        }
        if (caller.isEmpty()) {
            sessions.remove(session.get().id());
            ConsoleCookies.clear(request, response, ConsoleCookies.SESSION);
            return signInFirst(request, response);
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            String given = request.getParameter(CSRF_PARAMETER);
            if (given == null) {
                given = request.getHeader(CSRF_HEADER);
            }
            if (!ConsoleSessions.same(session.get().csrf(), given)) {
                plain(response, HttpStatus.FORBIDDEN, "This form's CSRF token is missing or wrong: nothing was done. "
                        + "Reload the page and try again.");
                return false;
            }
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        request.setAttribute(ConsoleRequest.SESSION, session.get());
        return true;
    }

    /** A page load goes to the sign-in form; a background request (htmx, a live stream, a terminal) is told 401. */
    private static boolean signInFirst(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean background = request.getHeader("HX-Request") != null
                || String.valueOf(request.getHeader(HttpHeaders.ACCEPT)).contains(MediaType.TEXT_EVENT_STREAM_VALUE)
                || "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
        if ("GET".equals(request.getMethod()) && !background) {
            response.setStatus(HttpStatus.SEE_OTHER.value());
            response.setHeader(HttpHeaders.LOCATION, SIGN_IN);
            return false;
        }
        plain(response, HttpStatus.UNAUTHORIZED, "Not signed in (or the session ended): sign in at " + SIGN_IN);
        return false;
    }

    private static void plain(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(message);
    }

    /**
     * No caching of pages that show a cluster's state, no framing (clickjacking), and scripts, styles and connections
     * from Berth itself only: the pages carry no inline script or style.
     */
    private static void securityHeaders(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Content-Security-Policy",
                "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'");
    }
}
