package io.berth.app.api.dto;

import java.util.List;

/**
 * What a cluster lets task definitions ask of its hosts; body and answer of {@code /v1/clusters/{cluster}/policy}.
 * The policy is replaced as a whole: an absent field in a PUT means its default — false / none for the allow*
 * switches and lists, except {@code allowedVolumeDrivers} ([local]) and {@code allowRootUser} (true); an empty
 * {@code allowedRegistries} means any registry. {@code allowExec} lets authorized callers run commands in the
 * cluster's running containers (exec); off by default.
 */
public record ClusterPolicyView(Boolean allowPrivileged, List<String> allowedCapabilities, Boolean allowHostNetwork,
                                Boolean allowHostPaths, List<String> allowedVolumeDrivers, Boolean allowLowHostPorts,
                                Boolean allowRootUser, List<String> allowedRegistries, Boolean allowUnconfined,
                                Boolean allowExec) {

    /** A policy without the exec switch (absent: exec refused). */
    public ClusterPolicyView(Boolean allowPrivileged, List<String> allowedCapabilities, Boolean allowHostNetwork,
                             Boolean allowHostPaths, List<String> allowedVolumeDrivers, Boolean allowLowHostPorts,
                             Boolean allowRootUser, List<String> allowedRegistries, Boolean allowUnconfined) {
        this(allowPrivileged, allowedCapabilities, allowHostNetwork, allowHostPaths, allowedVolumeDrivers,
                allowLowHostPorts, allowRootUser, allowedRegistries, allowUnconfined, null);
    }
}
