package io.berth.app.api.dto;

import java.time.Instant;

/** A family in the task definition list, with its newest revision. */
public record TaskDefinitionFamilyView(String family, int latestRevision, String status, Instant createdAt) {
}
