package io.berth.app.instances;

import io.berth.app.manifest.ReservedPorts;

import java.util.Map;

/**
 * Registers a Docker host: {@code endpoint} is {@code unix:///path} or {@code tcp://HOST:PORT}; a tcp endpoint
 * needs {@code tlsCertPath} (a folder with ca.pem, cert.pem, key.pem, as DOCKER_CERT_PATH) unless
 * {@code allowInsecure} is true. {@code reservedPorts} ({@code {tcp: [22], udp: []}}) are the host ports no task gets
 * there; absent, the default set (ssh and the Docker engine).
 */
public record InstanceRegistrationRequest(String endpoint, String tlsCertPath, Boolean allowInsecure,
                                          Map<String, String> attributes, ReservedPorts reservedPorts) {
}
