package io.berth.app.instances;

import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.InstanceStatus;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.db.tx.OptimisticRetry;
import io.berth.docker.EngineInfo;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes what an engine says about itself into its container-instance row (creating the row the first time):
 * resources, identity and ECS-style built-in attributes. The one place both the local engine at start-up and
 * hosts registered through the API are recorded.
 */
@Component
public class InstanceRecords {

    private static final long MIB = 1024L * 1024L;
    private static final tools.jackson.core.type.TypeReference<Map<String, String>> STRING_MAP =
            new tools.jackson.core.type.TypeReference<>() {
            };

    private final ContainerInstanceRepository instances;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    public InstanceRecords(ContainerInstanceRepository instances, TransactionTemplate tx, Clock clock) {
        this.instances = instances;
        this.tx = tx;
        this.clock = clock;
    }

    /** @param customAttributes the user's attributes (zone=a ...); they win over built-in ones of the same name */
    public ContainerInstanceEntity upsert(String cluster, String endpoint, String tlsCertPath, EngineInfo info,
                                         Map<String, String> customAttributes) {
        return upsert(cluster, endpoint, tlsCertPath, info, customAttributes, null);
    }

    /**
     * @param status ACTIVE or DRAINING as declared (a manifest); null keeps the row's status (a new row, or a
     *               deregistered one registered again, becomes ACTIVE)
     */
    public ContainerInstanceEntity upsert(String cluster, String endpoint, String tlsCertPath, EngineInfo info,
                                         Map<String, String> customAttributes, InstanceStatus status) {
        Map<String, String> attributes = attributes(info, customAttributes);
        int cpu = info.cpus() * 1024;
        int memory = (int) (info.memoryBytes() / MIB);
        // The instance pass records contact on the same row at any moment: read again and retry on a collision.
        return OptimisticRetry.inTransaction(tx, "container instance " + endpoint + " of cluster " + cluster, s -> {
            ContainerInstanceEntity row = instances.findByClusterAndEndpoint(cluster, endpoint)
                    .orElseGet(() -> new ContainerInstanceEntity(cluster, endpoint, cpu, memory));
            row.setEngineId(info.engineId());
            row.setHostname(info.name());
            row.setRegisteredCpu(cpu);
            row.setRegisteredMemory(memory);
            row.setTlsCertPath(tlsCertPath);
            row.setInsecure(endpoint.startsWith("tcp://") && tlsCertPath == null);
            row.setAttributes(json.writeValueAsString(attributes));
            if (status != null) {
                row.setStatus(status);
            } else if (row.getStatus() == InstanceStatus.INACTIVE) {
                row.setStatus(InstanceStatus.ACTIVE); // registering a deregistered host again brings it back
            } // else: a host reconnecting or registered again keeps DRAINING — only the user ends a drain
            row.setConnected(true);
            row.setLastSeen(clock.instant());
            return instances.save(row);
        });
    }

    /**
     * What an engine says about itself, refreshed without touching what the user said: the custom attributes
     * stored for the row (set by the API or a {@code kind: ContainerInstance} manifest) are kept. Berth registers
     * the local engine this way at every start, so a restart does not drop {@code zone=a} and the placement
     * constraints that need it. A user value under a built-in name is replaced by the engine's.
     */
    public ContainerInstanceEntity refresh(String cluster, String endpoint, String tlsCertPath, EngineInfo info) {
        Map<String, String> custom = tx.execute(s -> instances.findByClusterAndEndpoint(cluster, endpoint)
                .map(row -> customOf(json.readValue(row.getAttributes(), STRING_MAP), info))
                .orElse(Map.of()));
        return upsert(cluster, endpoint, tlsCertPath, info, custom);
    }

    /** The stored attributes that are not built-in ones (those are read from the engine again). */
    static Map<String, String> customOf(Map<String, String> stored, EngineInfo info) {
        Map<String, String> custom = new TreeMap<>(stored);
        custom.keySet().removeAll(builtIn(info).keySet());
        return custom;
    }

    /** The attributes stored for an instance: the built-in ones, then the user's over them. */
    static Map<String, String> attributes(EngineInfo info, Map<String, String> customAttributes) {
        Map<String, String> attributes = new TreeMap<>(builtIn(info));
        attributes.putAll(customAttributes);
        return attributes;
    }

    /** What the engine says about itself, as ECS's built-in attributes. */
    private static Map<String, String> builtIn(EngineInfo info) {
        return Map.of("berth.engine-id", info.engineId(), "berth.hostname", info.name(),
                "berth.os", String.valueOf(info.operatingSystem()), "berth.architecture", String.valueOf(info.architecture()),
                "berth.engine-version", info.serverVersion(), "berth.cpus", Integer.toString(info.cpus()),
                "berth.memory-mib", Long.toString(info.memoryBytes() / MIB));
    }
}
