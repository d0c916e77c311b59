package io.berth.app.api.dto;

import java.time.Instant;

/** One revision of a family, without its spec. */
public record TaskDefinitionRevisionView(int revision, String status, Instant createdAt) {
}
