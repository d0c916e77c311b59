package io.berth.app.manifest;

import io.berth.reconciler.traffic.LoadBalancer;

import java.util.Map;

/** {@code kind: LoadBalancer}: a load balancer {@code name} in {@code cluster}; the spec carries the same name. */
public record LoadBalancerDocument(String name, String cluster, Map<String, String> labels, LoadBalancer spec)
        implements ManifestDocument {

    public LoadBalancerDocument {
        labels = Map.copyOf(labels);
    }
}
