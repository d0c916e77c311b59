package io.berth.app.api;

import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskReservation;
import io.berth.reconciler.scheduler.ClusterLoadBuilder;
import io.berth.reconciler.model.HostPort;
import io.berth.reconciler.store.StateStore;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The fixed host ports the tasks of a cluster hold on each instance, read the way a scheduling pass reads them
 * (the store's reservations, {@link ClusterLoadBuilder#usedPorts}): what the API shows is what the scheduler refuses.
 */
@Component
class InstancePortUsage {

    private final StateStore store;

    InstancePortUsage(StateStore store) {
        this.store = store;
    }

    Map<UUID, Set<HostPort>> byInstance(String cluster) {
        List<TaskReservation> reserved = store.reservations(cluster);
        Set<String> arns = new HashSet<>();
        reserved.forEach(r -> arns.add(r.taskDefinitionArn()));
        Map<String, TaskDefinition> definitions = store.taskDefinitions(arns);
        return ClusterLoadBuilder.usedPorts(reserved, arn -> definitions.get(arn).spec());
    }
}
