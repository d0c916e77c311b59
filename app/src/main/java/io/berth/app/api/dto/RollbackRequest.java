package io.berth.app.api.dto;

/**
 * Body of {@code POST .../rollback}; optional.
 *
 * @param taskDefinition the revision to go back to, "web:3" or just "3" (of the service's family); absent: the
 *                       newest completed deployment of another revision than the current one
 */
public record RollbackRequest(String taskDefinition) {
}
