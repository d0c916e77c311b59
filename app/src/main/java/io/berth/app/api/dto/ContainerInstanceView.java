package io.berth.app.api.dto;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A Docker host of a cluster: what it offers and what is left after the tasks placed on it.
 *
 * @param tls      reached over mutual TLS
 * @param insecure a plain tcp:// endpoint that was explicitly allowed: anyone on the network can drive it
 * @param name     metadata.name when a ContainerInstance manifest registered it
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record ContainerInstanceView(UUID id, String name, String endpoint, String engineId, String hostname, String status,
                                    boolean connected, Instant lastSeen, Resources registered, Resources remaining,
                                    Map<String, String> attributes, boolean tls, boolean insecure) {
}
