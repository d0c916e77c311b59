package io.berth.app.discovery;

import io.berth.db.model.ServiceEntity;
import io.berth.db.repository.ClusterRepository;
import io.berth.db.repository.ServiceRepository;
import io.berth.reconciler.discovery.Endpoints;
import io.berth.reconciler.discovery.EndpointsBuilder;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.store.StateStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads a service's tasks and its cluster's instances and builds its {@link Endpoints}: for the API, watch and DNS. */
@Service
@Transactional(readOnly = true)
public class EndpointsReader {

    private final ClusterRepository clusters;
    private final ServiceRepository services;
    private final StateStore store;
    private final DiscoveryProperties props;

    public EndpointsReader(ClusterRepository clusters, ServiceRepository services, StateStore store,
                           DiscoveryProperties props) {
        this.clusters = clusters;
        this.services = services;
        this.store = store;
        this.props = props;
    }

    /** @throws ResponseStatusException 404 naming the unknown cluster or service */
    public Endpoints forApi(String cluster, String service) {
        if (!clusters.existsById(cluster)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "cluster \"" + cluster + "\" not found");
        }
        ServiceEntity s = services.findByClusterAndName(cluster, service).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "service \"" + service + "\" not found in cluster \"" + cluster + "\""));
        return build(s);
    }

    /** The service's endpoints; empty when the cluster or service is not there (exact names). */
    public Optional<Endpoints> find(String cluster, String service) {
        return services.findByClusterAndName(cluster, service).map(this::build);
    }

    /**
     * As {@link #find}, for DNS names, which compare without case: the exact name first, else the only service whose
     * name (and cluster's) equal the labels ignoring case.
     */
    public Optional<Endpoints> findIgnoringCase(String cluster, String service) {
        Optional<ServiceEntity> exact = services.findByClusterAndName(cluster, service);
        if (exact.isPresent()) {
            return exact.map(this::build);
        }
        List<ServiceEntity> candidates = services.findByClusterIgnoreCaseAndNameIgnoreCase(cluster, service);
        return candidates.size() == 1 ? Optional.of(build(candidates.getFirst())) : Optional.empty();
    }

    /** Whether a cluster of this name (ignoring case) exists: its DNS name is then an empty non-terminal. */
    public boolean clusterExistsIgnoringCase(String cluster) {
        return clusters.existsById(cluster) || clusters.existsByNameIgnoreCase(cluster);
    }

    Endpoints build(ServiceEntity s) {
        Map<UUID, ContainerInstance> instances = store.instances().stream()
                .filter(i -> i.cluster().equals(s.getCluster()))
                .collect(Collectors.toMap(ContainerInstance::id, Function.identity()));
        return EndpointsBuilder.build(s.getCluster(), s.getName(), store.tasksOfService(s.getId(), 0), instances,
                props.localAddress(), props.maxEndpoints());
    }
}
