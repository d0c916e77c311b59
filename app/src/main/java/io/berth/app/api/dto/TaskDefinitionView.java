package io.berth.app.api.dto;

import java.time.Instant;

/** One revision in full; {@code spec} has the manifest's shape, so it can be applied again as it is. */
public record TaskDefinitionView(String family, int revision, String status, Instant createdAt,
                                 TaskDefinitionSpecView spec) {
}
