package io.berth.reconciler.pass;

import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.plan.DeploymentDecision;
import io.berth.reconciler.plan.ServicePlan;
import io.berth.reconciler.store.StateStore;
import io.berth.reconciler.taskwork.TaskActionRecorder;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * What a service pass saw and concluded, written once its Docker work is under way: no launch or stop waits for
 * these writes (a health change of ten tasks is ten of them), and a crash before them loses nothing the next pass
 * would not see again. The deployment's new state and the service's events come last.
 */
final class ServiceRecords {

    private final StateStore store;
    private final TaskActionRecorder records;

    ServiceRecords(StateStore store, TaskActionRecorder records) {
        this.store = store;
        this.records = records;
    }

    /**
     * @param busy tasks whose launch or stop is under way: that work writes their record when it ends
     */
    void write(ServiceState service, ServicePlan plan, Predicate<UUID> busy, Instant now) {
        records.writeObservations(plan.actions(), busy, now);
        for (DeploymentDecision dd : plan.deployments()) {
            switch (dd) {
                case DeploymentDecision.Complete c ->
                        store.finishDeployment(c.deploymentId(), Deployment.RolloutState.COMPLETED, c.reason(), now);
                case DeploymentDecision.Fail f ->
                        store.finishDeployment(f.deploymentId(), Deployment.RolloutState.FAILED, f.reason(), now);
                case DeploymentDecision.RollBack r -> {
                    store.finishDeployment(r.deploymentId(), Deployment.RolloutState.ROLLED_BACK, r.reason(), now);
                    store.startDeployment(service.id(), r.targetArn(), Deployment.Trigger.ROLLBACK, now);
                }
                case DeploymentDecision.Deactivate x -> store.deactivateDeployment(x.deploymentId(), now);
            }
        }
        if (plan.daemonCount() != null && plan.daemonCount() != service.desiredCount()) {
            store.recordDaemonCount(service.id(), plan.daemonCount(), now);
        }
        if (!plan.events().isEmpty()) {
            store.appendEvents(service.id(), plan.events(), now);
        }
    }
}
