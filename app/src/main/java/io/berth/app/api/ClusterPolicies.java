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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and replaces a cluster's policy (privileged, capabilities, host network, host paths, volume drivers, low host
 * ports, root user, registries, unconfined security options).
 */
@Service
@Transactional
public class ClusterPolicies {

    /** Docker's plugin names: [registry/]name[:tag], as "rexray/ebs:latest" or "local". */
    private static final Pattern VOLUME_DRIVER = Pattern.compile("[a-z0-9][a-z0-9._/-]{0,127}(:[A-Za-z0-9._-]{1,128})?");
    /** A host name or address with an optional port, as the first component of an image reference. */
    private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})(:[0-9]{1,5})?");

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
        List<String> drivers = request.allowedVolumeDrivers() == null
                ? List.copyOf(ClusterPolicy.DEFAULT_VOLUME_DRIVERS)
                : names("allowedVolumeDrivers", request.allowedVolumeDrivers(), VOLUME_DRIVER, "a volume driver name "
                        + "such as local or rexray/ebs");
        List<String> registries = request.allowedRegistries() == null ? List.of()
                : names("allowedRegistries", request.allowedRegistries(), REGISTRY, "a registry host[:port] such as "
                        + "docker.io, ghcr.io or registry.example:5000");
        ClusterPolicy policy = new ClusterPolicy(Boolean.TRUE.equals(request.allowPrivileged()),
                new LinkedHashSet<>(capabilities), Boolean.TRUE.equals(request.allowHostNetwork()),
                Boolean.TRUE.equals(request.allowHostPaths()), new LinkedHashSet<>(drivers),
                Boolean.TRUE.equals(request.allowLowHostPorts()),
                request.allowRootUser() == null ? ClusterPolicy.DEFAULT_ALLOW_ROOT_USER : request.allowRootUser(),
                new LinkedHashSet<>(registries), Boolean.TRUE.equals(request.allowUnconfined()),
                Boolean.TRUE.equals(request.allowExec()));
        writes.replaceClusterPolicy(cluster, policy);
        return view(policy);
    }

    /** Every element must be a name of the given shape; errors name the element, e.g. allowedRegistries[1]. */
    private static List<String> names(String field, List<String> values, Pattern shape, String expected) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i) == null ? "" : values.get(i).strip();
            if (!shape.matcher(value).matches()) {
                throw new InvalidFieldException(field + "[" + i + "]", "must be " + expected + ", got \""
                        + values.get(i) + "\"");
            }
            result.add(value);
        }
        return result;
    }

    private ClusterEntity find(String cluster) {
        return clusters.findById(cluster).orElseThrow(() -> ApiErrors.clusterNotFound(cluster));
    }

    static ClusterPolicyView view(ClusterPolicy p) {
        return new ClusterPolicyView(p.allowPrivileged(), List.copyOf(p.allowedCapabilities()), p.allowHostNetwork(),
                p.allowHostPaths(), List.copyOf(p.allowedVolumeDrivers()), p.allowLowHostPorts(), p.allowRootUser(),
                List.copyOf(p.allowedRegistries()), p.allowUnconfined(), p.allowExec());
    }
}
