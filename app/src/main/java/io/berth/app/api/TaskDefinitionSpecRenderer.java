package io.berth.app.api;

import io.berth.app.api.dto.PlacementItemView;
import io.berth.app.api.dto.TaskDefinitionSpecView;
import io.berth.app.manifest.DurationText;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.HealthCheck;
import io.berth.reconciler.model.TaskDefinitionSpec;

/**
 * Writes a stored spec back in the manifest's shape, so that what GET returns can be applied again and
 * registers nothing new. Durations become manifest text ("30s"), not ISO-8601.
 */
final class TaskDefinitionSpecRenderer {

    private TaskDefinitionSpecRenderer() {
    }

    static TaskDefinitionSpecView render(TaskDefinitionSpec spec) {
        return new TaskDefinitionSpecView(spec.containers().stream().map(TaskDefinitionSpecRenderer::container)
                .toList(), spec.cpu(), spec.memory(), PlacementItemView.constraints(spec.placementConstraints()));
    }

    private static TaskDefinitionSpecView.Container container(ContainerDefinition c) {
        return new TaskDefinitionSpecView.Container(c.name(), c.image(), c.command(), c.entryPoint(),
                c.environment(), c.cpu(), c.memory(), c.memoryReservation(), c.essential(),
                c.portMappings().stream()
                        .map(p -> new TaskDefinitionSpecView.PortMapping(p.containerPort(), p.hostPort(), p.protocol()))
                        .toList(),
                healthCheck(c.healthCheck()));
    }

    private static TaskDefinitionSpecView.HealthCheck healthCheck(HealthCheck h) {
        if (h == null) {
            return null;
        }
        return new TaskDefinitionSpecView.HealthCheck(h.command(), DurationText.format(h.interval()),
                DurationText.format(h.timeout()), h.retries(), DurationText.format(h.startPeriod()));
    }
}
