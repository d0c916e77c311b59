package io.berth.app.wakeups;

import io.berth.reconciler.loop.ReconcileTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Tells the control loop what a request changed (services, one-off tasks, container instances): the API's one way to
 * wake the loop. Call it only after the transaction committed: the loop re-reads the change at once and must see it.
 *
 * <p>The trigger is looked up lazily, so the API works (relying on the loop's periodic resync) while no
 * loop is wired, e.g. in API tests. A failing trigger never fails the request: the change is stored, and
 * the resync will pick it up. Each notification of a service is also published as a {@link ServiceChangedEvent},
 * which lets tests observe it without replacing the trigger bean of the shared context.
 */
@Component
public class ReconcileNotifier {

    private static final Logger log = LoggerFactory.getLogger(ReconcileNotifier.class);

    private final ObjectProvider<ReconcileTrigger> triggers;
    private final ApplicationEventPublisher events;

    public ReconcileNotifier(ObjectProvider<ReconcileTrigger> triggers, ApplicationEventPublisher events) {
        this.triggers = triggers;
        this.events = events;
    }

    public void servicesChanged(Collection<UUID> serviceIds) {
        serviceIds.forEach(this::serviceChanged);
    }

    public void serviceChanged(UUID serviceId) {
        tell("service " + serviceId, trigger -> trigger.serviceChanged(serviceId));
        events.publishEvent(new ServiceChangedEvent(serviceId));
    }

    /** A one-off (run-task) task was created or asked to stop. */
    public void taskChanged(UUID taskId) {
        tell("task " + taskId, trigger -> trigger.taskChanged(taskId));
    }

    /** A container instance was registered or changed: its pass runs again. */
    public void instanceChanged(UUID instanceId) {
        tell("container instance " + instanceId, trigger -> trigger.instanceChanged(instanceId));
    }

    /** A cluster's load balancers or target groups changed: its traffic pass runs again. */
    public void trafficChanged(String cluster) {
        tell("load balancers of cluster " + cluster, trigger -> trigger.trafficChanged(cluster));
    }

    /** A scheduled task was applied or deleted: the firing pass looks again. */
    public void scheduledTasksChanged() {
        tell("scheduled tasks", ReconcileTrigger::scheduledTasksChanged);
    }

    /** Every service looks again (an instance started or ended a drain, or joined with room). */
    public void everythingChanged() {
        tell("a change to every service", ReconcileTrigger::everythingChanged);
    }

    private void tell(String what, Consumer<ReconcileTrigger> notification) {
        triggers.orderedStream().forEach(trigger -> {
            try {
                notification.accept(trigger);
            } catch (RuntimeException e) {
                log.warn("Could not notify the control loop of {}; the periodic resync will", what, e);
            }
        });
    }

    /** Published after a request's change to a service was committed and the loop was told. */
    public record ServiceChangedEvent(UUID serviceId) {
    }
}
