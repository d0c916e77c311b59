package io.berth.app.audit;

import io.berth.app.security.identity.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;

import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Records every mutating request under {@code /v1} (POST, PUT, PATCH, DELETE) and every followed log stream once its
 * status is known, whatever that status: refusals (401, 403, 4xx, 5xx) are what an audit is most often read for.
 * Runs first of all filters, so that a request refused by authentication or the body limit is recorded too, and
 * gives every request an {@code X-Request-Id}.
 */
final class AuditFilter extends OncePerRequestFilter {

    static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** A client's own request id is kept when it is this tame; anything else is replaced by a fresh UUID. */
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int MAX_PATH = 512;

    private final AuditRecorder recorder;
    private final Clock clock;
    private final TrustedProxies proxies;
    private final long bodyLimit;
    /** The matched route's pattern for a request that never reached Spring MVC (refused before); null when none. */
    private final Function<HttpServletRequest, String> routeLookup;

    AuditFilter(AuditRecorder recorder, Clock clock, AuditProperties properties, long bodyLimit,
                Function<HttpServletRequest, String> routeLookup) {
        this.recorder = recorder;
        this.clock = clock;
        this.proxies = TrustedProxies.parse(properties.trustedProxies());
        this.bodyLimit = bodyLimit;
        this.routeLookup = routeLookup;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = requestId(request);
        response.setHeader(REQUEST_ID_HEADER, requestId);
        request.setAttribute(ClientAddresses.ATTRIBUTE, proxies.client(request.getRemoteAddr(), forwardedFor(request)));
        String verb = verb(request);
        if (verb == null) {
            chain.doFilter(request, response);
            return;
        }
        HashingRequest hashing = new HashingRequest(request);
        boolean failed = true;
        try {
            chain.doFilter(hashing, response);
            failed = false;
        } finally {
            // An exception that escapes the chain is answered 500 by the container, after this filter.
            int status = failed && response.getStatus() < 400 ? 500 : response.getStatus();
            recorder.record(event(hashing, requestId, verb, status));
        }
    }

    private AuditEvent event(HttpServletRequest request, String requestId, String verb, int status) {
        boolean reachedHandlers = request.getAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE) != null;
        String caller;
        String source;
        var authenticated = Caller.of(request);
        if (authenticated.isPresent()) {
            caller = authenticated.get().name();
            source = authenticated.get().source().name();
        } else {
            caller = AuditEvent.ANONYMOUS;
            source = null;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String p
                ? p : routeLookup.apply(request);
        String resource = pattern == null ? bounded(path) : AuditRoute.displayPattern(pattern);
        String remote = ClientAddresses.of(request);
        // The body of a caller who proved nothing is not read: only what a handler read is hashed.
        List<String> documents = AuditNotes.documents(request);
        String sha256 = ((HashingRequest) request).sha256Hex(reachedHandlers, bodyLimit);
        if (documents.stream().anyMatch(d -> d.startsWith("Secret/"))) {
            // A hash of a body that carries secret values is a test for guesses: whoever knows the rest of the
            // manifest could try weak passwords against it. Such a body is recorded by its documents only.
            sha256 = null;
        }
        return new AuditEvent(clock.instant(), requestId, caller, source, verb, resource, AuditRoute.of(pattern, path),
                documents, sha256, remote, status);
    }

    private List<String> forwardedFor(HttpServletRequest request) {
        if (proxies.isEmpty()) {
            return List.of();
        }
        var headers = request.getHeaders("X-Forwarded-For");
        return headers == null ? List.of() : Collections.list(headers).stream().limit(32).toList();
    }

    /** The verb recorded, or null when the request is not audited (reads). */
    private static String verb(HttpServletRequest request) {
        String method = request.getMethod();
        if (MUTATING.contains(method)) {
            return method;
        }
        // Only a GET's query string is read here: a POST's parameters would make the container read its body.
        if ("GET".equals(method) && "true".equalsIgnoreCase(request.getParameter("follow"))) {
            return AuditEvent.STREAM;
        }
        return null;
    }

    private static String requestId(HttpServletRequest request) {
        String sent = request.getHeader(REQUEST_ID_HEADER);
        return sent != null && CLIENT_REQUEST_ID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    }

    private static String bounded(String path) {
        return path.length() <= MAX_PATH ? path : path.substring(0, MAX_PATH);
    }
}
