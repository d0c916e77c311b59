package io.berth.app.manifest;

import io.berth.reconciler.scheduler.query.QueryParser;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Reads and checks the {@code spec} of a {@code ContainerInstance} document: {@code endpoint}, {@code tlsCertPath}
 * or inline {@code tls {cert, key, ca}}, {@code allowInsecure}, {@code attributes}, {@code status},
 * {@code reservedPorts {tcp, udp}}. Whether the
 * engine answers is checked when the document is applied.
 */
final class ContainerInstanceReader {

    private ContainerInstanceReader() {
    }

    static ContainerInstanceDocument read(String name, String cluster, JsonNode node, String path, ErrorCollector errors) {
        ObjectFields fields = ObjectFields.of(node, path, errors);
        if (fields == null) {
            return new ContainerInstanceDocument(name, cluster, "", null, null, false, Map.of(), "ACTIVE", null);
        }
        String endpoint = fields.requiredString("endpoint");
        String certPath = fields.string("tlsCertPath");
        ContainerInstanceDocument.InlineTls tls = inlineTls(fields.get("tls"), fields.path("tls"), errors);
        Boolean allowInsecure = fields.bool("allowInsecure");
        Map<String, String> attributes = fields.stringMap("attributes");
        String status = fields.string("status");
        ReservedPorts reservedPorts = reservedPorts(fields.object("reservedPorts"), fields.path("reservedPorts"),
                errors);
        fields.rejectUnknown();

        if (endpoint != null && !endpoint.startsWith("unix://") && !endpoint.startsWith("tcp://")) {
            errors.reject(fields.path("endpoint"), "must be unix:///path or tcp://host:port, got \"" + endpoint + "\"");
        }
        boolean tcp = endpoint != null && endpoint.startsWith("tcp://");
        if (certPath != null && tls != null) {
            errors.reject(fields.path("tls"), "give either tlsCertPath or tls, not both");
        }
        if (!tcp && (certPath != null || tls != null) && endpoint != null) {
            errors.reject(fields.path(certPath != null ? "tlsCertPath" : "tls"), "applies to tcp:// endpoints only");
        }
        if (tcp && certPath == null && tls == null && !Boolean.TRUE.equals(allowInsecure)) {
            errors.reject(fields.path("tlsCertPath"), "is required for a tcp:// endpoint (or tls {cert, key, ca}): "
                    + "plain tcp lets anyone on the network drive the engine (set allowInsecure: true to register it "
                    + "anyway, flagged insecure)");
        }
        if (attributes != null) {
            attributes.keySet().forEach(key -> {
                if (!QueryParser.isAttributeName(key)) {
                    errors.reject(fields.path("attributes") + "." + key,
                            "attribute names are 1-128 letters, digits, '-', '_', '.' or '/'");
                } else if (key.startsWith("berth.")) {
                    errors.reject(fields.path("attributes") + "." + key, "berth.* attributes are built in (read from the engine)");
                }
            });
        }
        if (status != null && !status.equals("ACTIVE") && !status.equals("DRAINING")) {
            errors.reject(fields.path("status"), "must be ACTIVE or DRAINING, got \"" + status + "\"");
        }
        return new ContainerInstanceDocument(name, cluster, endpoint == null ? "" : endpoint, certPath, tls,
                Boolean.TRUE.equals(allowInsecure), attributes == null ? Map.of() : attributes,
                status == null ? "ACTIVE" : status, reservedPorts);
    }

    /** {@code {tcp: [22, 2375], udp: [53]}}; null when absent (the default set). */
    private static ReservedPorts reservedPorts(ObjectFields fields, String path, ErrorCollector errors) {
        if (fields == null) {
            return null;
        }
        List<Integer> tcp = fields.integerList("tcp");
        List<Integer> udp = fields.integerList("udp");
        fields.rejectUnknown();
        ReservedPorts ports = new ReservedPorts(tcp, udp);
        ports.errors(path).forEach(e -> errors.reject(e.path(), e.message()));
        return ports;
    }

    private static ContainerInstanceDocument.InlineTls inlineTls(JsonNode node, String path, ErrorCollector errors) {
        if (node == null) {
            return null;
        }
        ObjectFields fields = ObjectFields.of(node, path, errors);
        if (fields == null) {
            return null;
        }
        String cert = fields.requiredString("cert");
        String key = fields.requiredString("key");
        String ca = fields.requiredString("ca");
        fields.rejectUnknown();
        for (var e : Map.of("cert", cert == null ? "" : cert, "key", key == null ? "" : key, "ca", ca == null ? "" : ca)
                .entrySet()) {
            if (!e.getValue().isEmpty() && !e.getValue().contains("-----BEGIN ")) {
                errors.reject(fields.path(e.getKey()), "must be PEM text (-----BEGIN ...)");
            }
        }
        return new ContainerInstanceDocument.InlineTls(cert, key, ca);
    }
}
