package io.berth.app.instances;

import io.berth.app.manifest.ReservedPorts;
import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.InstanceStatus;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.db.tx.OptimisticRetry;
import io.berth.docker.EngineInfo;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

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
        return upsert(cluster, endpoint, tlsCertPath, info, customAttributes, null, null);
    }

    /**
     * @param status        ACTIVE or DRAINING as declared (a manifest); null keeps the row's status (a new row, or a
     *                      deregistered one registered again, becomes ACTIVE)
     * @param reservedPorts as declared; null for the default set
     */
    public ContainerInstanceEntity upsert(String cluster, String endpoint, String tlsCertPath, EngineInfo info,
                                         Map<String, String> customAttributes, InstanceStatus status,
                                         ReservedPorts reservedPorts) {
        String ports = ReservedPorts.stored(reservedPorts);
        return write(cluster, endpoint, tlsCertPath, info, stored -> customAttributes, stored -> ports, status);
    }

    /**
     * What an engine says about itself, refreshed without touching what the user said: the custom attributes
     * stored for the row (set by the API or a {@code kind: ContainerInstance} manifest) are kept. Berth registers
     * the local engine this way at every start, so a restart does not drop {@code zone=a} and the placement
     * constraints that need it. A user value under a built-in name is replaced by the engine's; the reserved ports
     * are kept as they are. The stored attributes are read in the transaction that writes them, so a user's change
     * in between is not lost.
     */
    public ContainerInstanceEntity refresh(String cluster, String endpoint, String tlsCertPath, EngineInfo info) {
        return write(cluster, endpoint, tlsCertPath, info,
                stored -> customOf(json.readValue(stored.getAttributes(), STRING_MAP), info),
                ContainerInstanceEntity::getReservedPorts, null);
    }

    /**
     * One transaction: the row is created when missing ({@code insertIfAbsent}, so two registrations of one endpoint
     * at once both end on the same row rather than one failing on the unique constraint), read, and written.
     *
     * @param custom        the custom attributes to store, given the row as read in this transaction
     * @param reservedPorts the reserved ports to store, as stored ({@link ReservedPorts#stored}), given the row
     */
    private ContainerInstanceEntity write(String cluster, String endpoint, String tlsCertPath, EngineInfo info,
                                          Function<ContainerInstanceEntity, Map<String, String>> custom,
                                          Function<ContainerInstanceEntity, String> reservedPorts,
                                          InstanceStatus status) {
        int cpu = info.cpus() * 1024;
        int memory = (int) (info.memoryBytes() / MIB);
        // The instance pass records contact on the same row at any moment: read again and retry on a collision.
        return OptimisticRetry.inTransaction(tx, "container instance " + endpoint + " of cluster " + cluster, s -> {
            instances.insertIfAbsent(UUID.randomUUID(), cluster, endpoint, cpu, memory,
                    clock.instant().truncatedTo(ChronoUnit.MICROS));
            ContainerInstanceEntity row = instances.findByClusterAndEndpoint(cluster, endpoint).orElseThrow();
            Map<String, String> attributes = attributes(info, custom.apply(row)); // a new row stores "{}"
            row.setEngineId(info.engineId());
            row.setHostname(info.name());
            row.setRegisteredCpu(cpu);
            row.setRegisteredMemory(memory);
            row.setTlsCertPath(tlsCertPath);
            row.setInsecure(endpoint.startsWith("tcp://") && tlsCertPath == null);
            row.setAttributes(json.writeValueAsString(attributes));
            row.setReservedPorts(reservedPorts.apply(row));
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
