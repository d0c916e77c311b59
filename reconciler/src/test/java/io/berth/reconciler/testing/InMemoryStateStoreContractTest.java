package io.berth.reconciler.testing;

import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.HostPort;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.store.StateStore;
import io.berth.reconciler.store.StateStoreContract;
import org.junit.jupiter.api.BeforeEach;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The in-memory store the scenario tests run on does what the production store does. */
class InMemoryStateStoreContractTest extends StateStoreContract {

    private InMemoryStateStore store;

    @BeforeEach
    void emptyStore() {
        store = new InMemoryStateStore();
    }

    @Override
    protected StateStore store() {
        return store;
    }

    @Override
    protected void givenTaskDefinition(TaskDefinition td) {
        store.putTaskDefinition(td);
    }

    @Override
    protected UUID givenService(String name, TaskDefinition td, int desiredCount) {
        UUID id = UUID.randomUUID();
        store.putService(new ServiceState(id, CLUSTER, name, td, desiredCount, false, null, null, List.of(), null));
        return id;
    }

    @Override
    protected UUID givenDaemonService(String name, TaskDefinition td) {
        UUID id = UUID.randomUUID();
        store.putService(new ServiceState(id, CLUSTER, name, td, 0, false, null, null, List.of(), null,
                io.berth.reconciler.model.SchedulingStrategy.DAEMON));
        return id;
    }

    @Override
    protected ContainerInstance givenInstance(int cpu, int memory, Set<HostPort> reservedPorts) {
        UUID id = UUID.randomUUID();
        ContainerInstance i = new ContainerInstance(id, CLUSTER, "tcp://" + id + ":2376", "engine-" + id, "host-" + id,
                ContainerInstance.InstanceStatus.ACTIVE, true, T0, cpu, memory, Map.of(), 0, reservedPorts);
        store.putInstance(i);
        return i;
    }

    @Override
    protected int eventCount(UUID serviceId) {
        return store.events(serviceId).size();
    }
}
