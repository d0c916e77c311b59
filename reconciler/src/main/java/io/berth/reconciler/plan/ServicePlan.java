package io.berth.reconciler.plan;

import java.time.Duration;
import java.util.List;

/**
 * What one pass over a service decided.
 *
 * @param actions        per-task decisions, at most one per task; launches and scheduler-chosen stops within the caps
 * @param events         service events to record (already de-duplicated against the last one)
 * @param deleteService  the service was being deleted and nothing of it runs any more
 * @param requeueAfter   look again after this long even if nothing happens (backoff, work left over); null = no need
 * @param unplaced       tasks this pass wanted to start but found no instance for
 * @param deployments    deployments completed, failed, rolled back or done with
 * @param daemonCount    a DAEMON service's desired count as this pass counted it (its eligible instances), what users
 *                       see as its desired count; null for a REPLICA service
 */
public record ServicePlan(List<TaskAction> actions, List<String> events, boolean deleteService, Duration requeueAfter,
                          int unplaced, List<DeploymentDecision> deployments, Integer daemonCount) {

    public ServicePlan(List<TaskAction> actions, List<String> events, boolean deleteService, Duration requeueAfter,
                       int unplaced, List<DeploymentDecision> deployments) {
        this(actions, events, deleteService, requeueAfter, unplaced, deployments, null);
    }

    public ServicePlan {
        actions = List.copyOf(actions);
        events = List.copyOf(events);
        deployments = List.copyOf(deployments);
    }

    public boolean isEmpty() {
        return actions.isEmpty() && events.isEmpty() && !deleteService && deployments.isEmpty();
    }

    public <T extends TaskAction> List<T> actionsOf(Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
