package io.berth.app.manifest;

import io.berth.reconciler.model.ServiceSpec;

import java.util.Map;

/** {@code kind: Service}: a service {@code name} in {@code cluster}. */
public record ServiceDocument(String name, String cluster, Map<String, String> labels, ServiceSpec spec)
        implements ManifestDocument {

    public ServiceDocument {
        labels = Map.copyOf(labels);
    }
}
