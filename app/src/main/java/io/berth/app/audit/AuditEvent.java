package io.berth.app.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * One audited action.
 *
 * @param at            when the answer was known (the injected clock)
 * @param requestId     also returned to the client as {@code X-Request-Id}
 * @param caller        the caller's name; {@value #ANONYMOUS} when the request proved no identity
 * @param callerSource  which kind of credential proved it; null for anonymous
 * @param verb          the HTTP method, or {@value #STREAM} for a followed log stream
 * @param resource      the route's path pattern ({@code /v1/clusters/{cluster}/services/{name}}); the path itself
 *                      when no route matched
 * @param route         what the route names: kind, cluster, name, subresource
 * @param documents     apply only: {@code Kind/name} of each document; empty otherwise
 * @param bodySha256    hex SHA-256 of the request body; null when there was none (or it was not read)
 * @param remoteAddress the client's address (X-Forwarded-For only from a trusted proxy)
 * @param status        the HTTP status answered
 * @param exec          an exec session: what ran and how it ended; null for other requests
 */
public record AuditEvent(Instant at, String requestId, String caller, String callerSource, String verb,
                         String resource, AuditRoute route, List<String> documents, String bodySha256,
                         String remoteAddress, int status, Exec exec) {

    public static final String ANONYMOUS = "anonymous";
    public static final String STREAM = "stream";
    /** The verb of an exec session's event. */
    public static final String EXEC = "exec";

    /** An event of an ordinary request. */
    public AuditEvent(Instant at, String requestId, String caller, String callerSource, String verb, String resource,
                      AuditRoute route, List<String> documents, String bodySha256, String remoteAddress, int status) {
        this(at, requestId, caller, callerSource, verb, resource, route, documents, bodySha256, remoteAddress, status,
                null);
    }

    /**
     * An exec session: never its input or output.
     *
     * @param exitCode null when the session ended before the command (then {@code end} says why)
     */
    public record Exec(List<String> command, Instant startedAt, java.time.Duration duration, Integer exitCode,
                       String end) {
        public Exec {
            command = List.copyOf(command);
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(duration, "duration");
        }
    }

    public AuditEvent {
        // Microseconds, as PostgreSQL keeps them: the JSON line and the stored row then tell the same time.
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(resource, "resource");
        route = route == null ? AuditRoute.NONE : route;
        documents = documents == null ? List.of() : List.copyOf(documents);
    }
}
