package io.berth.reconciler.store.jpa;

import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.InstanceStatus;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.db.repository.TaskRepository;
import io.berth.db.tx.OptimisticRetry;
import io.berth.docker.EngineInfo;
import io.berth.reconciler.desiredstate.ContainerInstanceWrite;
import io.berth.reconciler.desiredstate.InstanceAttributes;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Container-instance rows as users declare them: what an engine says about itself written into its row (created the
 * first time), the status a user sets, deregistration. The instance pass records contact on the same rows at any
 * moment, so every write reads the row again and retries on a collision ({@link OptimisticRetry}).
 */
final class InstanceRows {

    private static final long MIB = 1024L * 1024L;
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final ContainerInstanceRepository instances;
    private final TaskRepository tasks;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    InstanceRows(ContainerInstanceRepository instances, TaskRepository tasks, TransactionTemplate tx, Clock clock) {
        this.instances = instances;
        this.tasks = tasks;
        this.tx = tx;
        this.clock = clock;
    }

    UUID apply(ContainerInstanceWrite w) {
        InstanceStatus status = w.status() == null ? null : InstanceStatus.valueOf(w.status().name());
        return write(w.cluster(), w.endpoint(), w.tlsCertPath(), w.info(), stored -> w.customAttributes(),
                stored -> w.reservedPorts(), status, w.name());
    }

    /**
     * The custom attributes stored for the row (set by the API or a {@code kind: ContainerInstance} manifest) are
     * kept, so a restart does not drop {@code zone=a} and the placement constraints that need it. A user value under a
     * built-in name is replaced by the engine's; the reserved ports are kept as they are. The stored attributes are
     * read in the transaction that writes them, so a user's change in between is not lost.
     */
    UUID refresh(String cluster, String endpoint, String tlsCertPath, EngineInfo info) {
        return write(cluster, endpoint, tlsCertPath, info,
                stored -> InstanceAttributes.customOf(json.readValue(stored.getAttributes(), STRING_MAP), info),
                ContainerInstanceEntity::getReservedPorts, null, null);
    }

    /**
     * One transaction: the row is created when missing ({@code insertIfAbsent}, so two registrations of one endpoint
     * at once both end on the same row rather than one failing on the unique constraint), read, and written.
     *
     * @param custom        the custom attributes to store, given the row as read in this transaction
     * @param reservedPorts the reserved ports to store, as stored, given the row
     * @param name          null keeps the row's name
     */
    private UUID write(String cluster, String endpoint, String tlsCertPath, EngineInfo info,
                       Function<ContainerInstanceEntity, Map<String, String>> custom,
                       Function<ContainerInstanceEntity, String> reservedPorts, InstanceStatus status, String name) {
        int cpu = info.cpus() * 1024;
        int memory = (int) (info.memoryBytes() / MIB);
        return OptimisticRetry.inTransaction(tx, "container instance " + endpoint + " of cluster " + cluster, s -> {
            instances.insertIfAbsent(UUID.randomUUID(), cluster, endpoint, cpu, memory,
                    clock.instant().truncatedTo(ChronoUnit.MICROS));
            ContainerInstanceEntity row = instances.findByClusterAndEndpoint(cluster, endpoint).orElseThrow();
            Map<String, String> attributes = InstanceAttributes.attributes(info, custom.apply(row)); // a new row: "{}"
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
            ContainerInstanceEntity saved = instances.save(row);
            if (name != null) {
                saved.setName(name);
            }
            return saved.getId();
        });
    }

    /**
     * The status alone (other writers' columns are left as they are). Placements that read the instance before the
     * change conflict and plan again ({@code invalidatePlacements}, which also locks the row before it is read); a
     * collision all the same is read again and retried.
     */
    void setStatus(UUID id, InstanceStatus target) {
        OptimisticRetry.inTransaction(tx, "container instance " + id, s -> {
            instances.invalidatePlacements(id);
            ContainerInstanceEntity fresh = instances.findById(id).orElseThrow();
            fresh.setStatus(target);
            return instances.save(fresh);
        });
    }

    /**
     * The tasks are counted under the row's lock, after moving its placement version on: a placement in flight either
     * committed before (its tasks are counted) or finds the version moved and plans again (and sees the instance
     * INACTIVE).
     */
    int deregister(UUID id, boolean force) {
        return OptimisticRetry.inTransaction(tx, "container instance " + id, s -> {
            instances.invalidatePlacements(id);
            int running = tasks.findNotStoppedByContainerInstanceId(id).size();
            if (running > 0 && !force) {
                s.setRollbackOnly(); // refused: the placement version stays as it was
                return running;
            }
            instances.findById(id).ifPresent(i -> i.setStatus(InstanceStatus.INACTIVE));
            return running;
        });
    }
}
