package io.berth.app.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * One audit event of {@code GET /v1/audit}.
 *
 * @param user          the caller's name ({@code anonymous} when it proved none)
 * @param userSource    ADMIN_TOKEN, TOKEN, OIDC or CERTIFICATE
 * @param verb          POST, PUT, PATCH, DELETE, or {@code stream} for a followed log stream
 * @param resource      the route's path pattern
 * @param documents     apply: {@code Kind/name} (or {@code Kind/cluster/name}) of each document
 * @param bodySha256    SHA-256 of the request body; the body itself is never stored
 * @param sourceAddress the client's address
 * @param status        the HTTP status it was answered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEventView(String id, Instant time, String requestId, String user, String userSource, String verb,
                             String resource, String kind, String cluster, String name, String subresource,
                             List<String> documents, String bodySha256, String sourceAddress, int status) {
}
