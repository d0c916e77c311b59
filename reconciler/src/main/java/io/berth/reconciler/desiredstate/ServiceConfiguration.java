package io.berth.reconciler.desiredstate;

import java.util.UUID;

/**
 * What an apply declares for an existing service.
 *
 * @param taskDefinitionRef what the manifest says ("web" or "web:3")
 * @param taskDefinition    the revision it resolved to, "family:revision"
 * @param event             what the service's event log says about the change
 */
public record ServiceConfiguration(UUID serviceId, String taskDefinitionRef, String taskDefinition, int desiredCount,
                                   String specJson, String labelsJson, String event) {
}
