package io.berth.bench.simcluster;

import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.InstanceStatus;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.docker.EngineInfo;
import io.berth.docker.FakeDockerEngine;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated hosts: one in-memory {@link FakeDockerEngine} per host, registered as a container instance from what
 * the engine says about itself — CPUs × 1024 units, memory in MiB, ECS-style built-in attributes — as Berth
 * registers a real host. Sizes vary so that the scheduler's filters have work: hosts offer 2, 4, 4, 8 CPUs in turn
 * with 4 GiB per CPU, and every 100th host is DRAINING (takes no new tasks).
 */
final class SimulatedHosts {

    static final int[] CPUS = {2, 4, 4, 8};
    static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;

    private final JsonMapper json = JsonMapper.builder().build();

    /** The engine of host {@code index}: a fake, named so. */
    static FakeDockerEngine engine(int index) {
        int cpus = CPUS[index % CPUS.length];
        return new FakeDockerEngine("sim-host-%05d".formatted(index)).withCapacity(cpus, cpus * 4 * GIB);
    }

    static boolean draining(int index) {
        return index % 100 == 99;
    }

    /** CPU units and MiB the ACTIVE hosts offer together, for sizing tasks. */
    static long[] schedulableCapacity(int hosts) {
        long cpu = 0;
        long memory = 0;
        for (int i = 0; i < hosts; i++) {
            if (!draining(i)) {
                int cpus = CPUS[i % CPUS.length];
                cpu += cpus * 1024L;
                memory += cpus * 4 * GIB / MIB;
            }
        }
        return new long[] {cpu, memory};
    }

    /** Registers {@code hosts} simulated hosts in {@code cluster}, in one transaction. */
    void register(String cluster, int hosts, ContainerInstanceRepository instances, TransactionTemplate tx, Instant now) {
        List<ContainerInstanceEntity> rows = new ArrayList<>(hosts);
        for (int i = 0; i < hosts; i++) {
            try (FakeDockerEngine engine = engine(i)) {
                EngineInfo info = engine.info();
                ContainerInstanceEntity row = new ContainerInstanceEntity(cluster,
                        "unix:///simulated/" + info.name() + ".sock", info.cpus() * 1024, (int) (info.memoryBytes() / MIB));
                row.setEngineId(info.engineId());
                row.setHostname(info.name());
                row.setConnected(true);
                row.setLastSeen(now);
                row.setStatus(draining(i) ? InstanceStatus.DRAINING : InstanceStatus.ACTIVE);
                row.setAttributes(json.writeValueAsString(attributes(info, i)));
                rows.add(row);
            }
        }
        tx.executeWithoutResult(s -> instances.saveAll(rows));
    }

    private static Map<String, String> attributes(EngineInfo info, int index) {
        Map<String, String> a = new TreeMap<>();
        a.put("berth.engine-id", info.engineId());
        a.put("berth.hostname", info.name());
        a.put("berth.os", info.operatingSystem());
        a.put("berth.architecture", info.architecture());
        a.put("berth.engine-version", info.serverVersion());
        a.put("berth.cpus", Integer.toString(info.cpus()));
        a.put("berth.memory-mib", Long.toString(info.memoryBytes() / MIB));
        a.put("zone", String.valueOf((char) ('a' + index % 3)));
        return a;
    }
}
