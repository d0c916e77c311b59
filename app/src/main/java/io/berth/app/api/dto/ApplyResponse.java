package io.berth.app.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The answer to an apply: one result per document, in document order.
 *
 * @param dryRun true when nothing was stored
 * @param error  only with {@code wait=true} when a rollout failed (409) or did not finish in time (504): which
 *               services and why. The documents were stored all the same, so they are listed as usual.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplyResponse(boolean dryRun, List<ApplyResult> documents, String error) {

    public ApplyResponse {
        documents = List.copyOf(documents);
    }

    public ApplyResponse(boolean dryRun, List<ApplyResult> documents) {
        this(dryRun, documents, null);
    }
}
