package io.berth.app.metrics;

import io.berth.db.model.RolloutState;
import io.berth.db.repository.DeploymentRepository;
import io.berth.db.model.LastStatus;
import io.berth.db.model.ServiceStatus;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TaskRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Tasks by last status, services by status and deployments by rollout state, read from the database at scrape time: the stored state is
 * the truth, so the gauges cannot drift from it.
 */
public final class TaskStateGauges {

    public TaskStateGauges(MeterRegistry registry, TaskRepository tasks, ServiceRepository services,
                           DeploymentRepository deployments) {
        for (LastStatus status : LastStatus.values()) {
            Gauge.builder("berth.tasks", tasks, t -> t.countByLastStatus(status))
                    .description("Tasks by last status").tag("state", status.name()).register(registry);
        }
        for (ServiceStatus status : ServiceStatus.values()) {
            Gauge.builder("berth.services", services, s -> s.countByStatus(status))
                    .description("Services by status").tag("state", status.name()).register(registry);
        }
        for (RolloutState state : RolloutState.values()) {
            Gauge.builder("berth.deployments", deployments, d -> d.countByRolloutState(state))
                    .description("Deployments by rollout state").tag("state", state.name()).register(registry);
        }
    }
}
