package io.berth.app.manifest;

import java.util.Map;

/**
 * {@code kind: ContainerInstance}: a Docker host {@code name} of {@code cluster}, registered (or updated) by apply.
 *
 * @param endpoint      {@code tcp://HOST:PORT} or {@code unix:///path}
 * @param tlsCertPath   a folder with ca.pem, cert.pem, key.pem; or null
 * @param tls           the same three as inline PEM text; or null
 * @param allowInsecure a plain tcp endpoint without TLS, explicitly allowed (flagged insecure)
 * @param attributes    custom attributes (zone, instance-type ...); built-in ones are read from the engine
 * @param status        ACTIVE or DRAINING
 * @param reservedPorts host ports no task gets there; null for the default set (ssh and the Docker engine)
 */
public record ContainerInstanceDocument(String name, String cluster, String endpoint, String tlsCertPath,
                                        InlineTls tls, boolean allowInsecure, Map<String, String> attributes,
                                        String status, ReservedPorts reservedPorts) implements ManifestDocument {

    public ContainerInstanceDocument {
        attributes = Map.copyOf(attributes);
    }

    /** Instances carry attributes, not labels. */
    @Override
    public Map<String, String> labels() {
        return Map.of();
    }

    /** PEM text of the client certificate, its key and the CA that signed the engine's certificate. */
    public record InlineTls(String cert, String key, String ca) {
        @Override
        public String toString() {
            return "InlineTls[...]"; // never the key in logs
        }
    }
}
