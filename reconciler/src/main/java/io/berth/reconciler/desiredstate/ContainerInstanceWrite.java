package io.berth.reconciler.desiredstate;

import io.berth.docker.EngineInfo;
import io.berth.reconciler.model.ContainerInstance.InstanceStatus;

import java.util.Map;

/**
 * A Docker host as registered through the API or declared by a {@code kind: ContainerInstance} document.
 *
 * @param info             what the engine said about itself
 * @param customAttributes the user's attributes (zone=a ...); they win over built-in ones of the same name
 * @param status           ACTIVE or DRAINING as declared; null keeps the row's status (a new row, or a deregistered
 *                         one registered again, becomes ACTIVE)
 * @param reservedPorts    the reserved ports as stored
 * @param name             the instance's name; null leaves the row's
 */
public record ContainerInstanceWrite(String cluster, String endpoint, String tlsCertPath, EngineInfo info,
                                     Map<String, String> customAttributes, InstanceStatus status, String reservedPorts,
                                     String name) {
}
