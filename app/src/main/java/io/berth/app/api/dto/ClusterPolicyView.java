package io.berth.app.api.dto;

import java.util.List;

/**
 * What a cluster lets task definitions ask of its hosts; body and answer of {@code /v1/clusters/{cluster}/policy}.
 * Absent fields in a PUT mean false / none: the policy is replaced as a whole.
 */
public record ClusterPolicyView(Boolean allowPrivileged, List<String> allowedCapabilities, Boolean allowHostNetwork,
                                Boolean allowHostPaths) {
}
