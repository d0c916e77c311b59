package io.berth.app.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * One audit event of {@code GET /v1/audit}.
 *
 * @param user          the caller's name ({@code anonymous} when it proved none)
 * @param userSource    ADMIN_TOKEN, TOKEN, OIDC or CERTIFICATE
 * @param verb          POST, PUT, PATCH, DELETE, {@code stream} for a followed log stream, {@code exec} for an
 *                      exec session
 * @param resource      the route's path pattern
 * @param documents     apply: {@code Kind/name} (or {@code Kind/cluster/name}) of each document
 * @param bodySha256    SHA-256 of the request body; the body itself is never stored
 * @param sourceAddress the client's address
 * @param status        the HTTP status it was answered
 * @param exec          an exec session (verb {@code exec}): its command, start, duration and exit code
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEventView(String id, Instant time, String requestId, String user, String userSource, String verb,
                             String resource, String kind, String cluster, String name, String subresource,
                             List<String> documents, String bodySha256, String sourceAddress, int status,
                             ExecSessionView exec) {

    /**
     * What an exec session ran and how it ended; its input and output are never recorded.
     *
     * @param exitCode the command's exit code; absent when the session ended first ({@code end} says why)
     * @param end      why the session ended when not by the command's exit: {@code closed}, {@code idle limit 15m}...
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExecSessionView(List<String> command, Instant startedAt, long durationMs, Integer exitCode,
                                  String end) {
    }
}
