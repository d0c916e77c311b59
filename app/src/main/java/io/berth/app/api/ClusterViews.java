package io.berth.app.api;

import io.berth.app.api.dto.ClusterView;
import io.berth.app.api.dto.ContainerInstanceView;
import io.berth.app.api.dto.Resources;
import io.berth.app.instances.InstanceViews;
import io.berth.db.model.ClusterEntity;
import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.InstanceStatus;
import io.berth.db.model.LastStatus;
import io.berth.db.model.ServiceStatus;
import io.berth.db.repository.ClusterRepository;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TaskRepository;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.HostPort;
import io.berth.reconciler.scheduler.spi.InstancePorts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Read views of clusters and their container instances. */
@Service
@Transactional(readOnly = true)
public class ClusterViews implements InstanceViews {

    private final ClusterRepository clusters;
    private final ServiceRepository services;
    private final TaskRepository tasks;
    private final ContainerInstanceRepository instances;
    private final JsonText json;
    private final InstancePortUsage portUsage;

    public ClusterViews(ClusterRepository clusters, ServiceRepository services, TaskRepository tasks,
                        ContainerInstanceRepository instances, JsonText json, InstancePortUsage portUsage) {
        this.portUsage = portUsage;
        this.clusters = clusters;
        this.services = services;
        this.tasks = tasks;
        this.instances = instances;
        this.json = json;
    }

    /** Clusters by name, a page at a time. */
    Page<ClusterView> page(PageRequest request) {
        String after = request.afterName();
        List<ClusterEntity> rows = after == null ? clusters.findAllByOrderByName(request.probe())
                : clusters.findByNameGreaterThanOrderByName(after, request.probe());
        return Page.of(rows, request.limit(), this::view, c -> ContinueToken.encodeName(c.getName()));
    }

    /** A cluster's instances, oldest first, a page at a time. */
    Page<ContainerInstanceView> containerInstances(String cluster, PageRequest request) {
        requireCluster(cluster);
        ContinueToken after = request.after();
        List<ContainerInstanceEntity> rows = after == null ? instances.findPageByCluster(cluster, request.probe())
                : instances.findPageByClusterAfter(cluster, after.createdAt(), after.id(), request.probe());
        Map<UUID, Set<HostPort>> used = rows.isEmpty() ? Map.of() : portUsage.byInstance(cluster);
        return Page.of(rows, request.limit(), i -> view(i, used.getOrDefault(i.getId(), Set.of())),
                i -> new ContinueToken(i.getCreatedAt(), i.getId()).encode());
    }

    /** @throws org.springframework.web.server.ResponseStatusException 404 */
    @Override
    public void requireCluster(String cluster) {
        if (!clusters.existsById(cluster)) {
            throw ApiErrors.clusterNotFound(cluster);
        }
    }

    private ClusterView view(ClusterEntity cluster) {
        String name = cluster.getName();
        return new ClusterView(name, cluster.getCreatedAt(),
                services.countByClusterAndStatus(name, ServiceStatus.ACTIVE),
                tasks.countByClusterAndLastStatus(name, LastStatus.RUNNING),
                instances.countByClusterAndStatusNot(name, InstanceStatus.INACTIVE));
    }

    @Override
    public ContainerInstanceView view(ContainerInstanceEntity i) {
        return view(i, portUsage.byInstance(i.getCluster()).getOrDefault(i.getId(), Set.of()));
    }

    /** @param usedPorts the fixed host ports the instance's tasks hold ({@link InstancePortUsage}) */
    private ContainerInstanceView view(ContainerInstanceEntity i, Set<HostPort> usedPorts) {
        Set<HostPort> reserved = ContainerInstance.storedReservedPorts(i.getReservedPorts());
        Set<HostPort> notFree = InstancePorts.notFree(reserved, usedPorts);
        return new ContainerInstanceView(i.getId(), i.getName(), i.getEndpoint(), i.getEngineId(), i.getHostname(),
                i.getStatus().name(), i.isConnected(), i.getLastSeen(),
                new Resources(i.getRegisteredCpu(), i.getRegisteredMemory(),
                        InstancePorts.numbers(reserved, "tcp"), InstancePorts.numbers(reserved, "udp")),
                new Resources(i.getRemainingCpu(), i.getRemainingMemory(),
                        InstancePorts.numbers(notFree, "tcp"), InstancePorts.numbers(notFree, "udp")),
                json.stringMap(i.getAttributes()), i.getTlsCertPath() != null, i.isInsecure());
    }
}
