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
import org.springframework.data.domain.Sort;
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

    /** A handful of clusters at most, so three counts per cluster are cheap. */
    public List<ClusterView> list() {
        return clusters.findAll(Sort.by("name")).stream().map(this::view).toList();
    }

    public List<ContainerInstanceView> containerInstances(String cluster) {
        requireCluster(cluster);
        Map<UUID, Set<HostPort>> used = portUsage.byInstance(cluster);
        return instances.findByClusterOrderByCreatedAt(cluster).stream()
                .map(i -> view(i, used.getOrDefault(i.getId(), Set.of()))).toList();
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
