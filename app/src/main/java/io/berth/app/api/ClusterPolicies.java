package io.berth.app.api;

import io.berth.app.api.dto.ClusterPolicyView;
import io.berth.db.model.ClusterEntity;
import io.berth.db.repository.ClusterRepository;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import io.berth.reconciler.policy.ClusterPolicy;
import io.berth.reconciler.store.jpa.JpaClusterSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;

/** Reads and replaces a cluster's policy (privileged, capabilities, host network, host paths). */
@Service
@Transactional
public class ClusterPolicies {

    private final ClusterRepository clusters;
    private final DesiredStateWrites writes;

    public ClusterPolicies(ClusterRepository clusters, DesiredStateWrites writes) {
        this.clusters = clusters;
        this.writes = writes;
    }

    @Transactional(readOnly = true)
    public ClusterPolicyView get(String cluster) {
        return view(JpaClusterSettings.policyOf(find(cluster)));
    }

    /** The policy applies to launches from the next pass on; running tasks are left as they are. */
    public ClusterPolicyView replace(String cluster, ClusterPolicyView request) {
        find(cluster);
        List<String> capabilities = new ArrayList<>();
        List<String> requested = request.allowedCapabilities() == null ? List.of() : request.allowedCapabilities();
        for (int i = 0; i < requested.size(); i++) {
            String name = requested.get(i) == null ? "" : ClusterPolicy.normalize(requested.get(i));
            if (!ClusterPolicy.KNOWN_CAPABILITIES.contains(name)) {
                throw new InvalidFieldException("allowedCapabilities[" + i + "]",
                        "unknown Linux capability \"" + requested.get(i) + "\"");
            }
            capabilities.add(name);
        }
        ClusterPolicy policy = new ClusterPolicy(Boolean.TRUE.equals(request.allowPrivileged()),
                new java.util.LinkedHashSet<>(capabilities), Boolean.TRUE.equals(request.allowHostNetwork()),
                Boolean.TRUE.equals(request.allowHostPaths()));
        writes.replaceClusterPolicy(cluster, policy);
        return view(policy);
    }

    private ClusterEntity find(String cluster) {
        return clusters.findById(cluster).orElseThrow(() -> ApiErrors.clusterNotFound(cluster));
    }

    static ClusterPolicyView view(ClusterPolicy p) {
        return new ClusterPolicyView(p.allowPrivileged(), List.copyOf(p.allowedCapabilities()), p.allowHostNetwork(),
                p.allowHostPaths());
    }
}
