package io.berth.app.api.dto;

import java.util.List;

/**
 * The answer to an apply: one result per document, in document order.
 *
 * @param dryRun true when nothing was stored
 */
public record ApplyResponse(boolean dryRun, List<ApplyResult> documents) {

    public ApplyResponse {
        documents = List.copyOf(documents);
    }
}
