package io.berth.app.manifest;

import io.berth.reconciler.traffic.TargetGroup;

import java.util.Map;

/** {@code kind: TargetGroup}: a target group {@code name} in {@code cluster}; the spec carries the same name. */
public record TargetGroupDocument(String name, String cluster, Map<String, String> labels, TargetGroup spec)
        implements ManifestDocument {

    public TargetGroupDocument {
        labels = Map.copyOf(labels);
    }
}
