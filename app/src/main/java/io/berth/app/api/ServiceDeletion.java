package io.berth.app.api;

import io.berth.app.wakeups.ReconcileNotifier;
import io.berth.app.api.dto.ServiceView;
import io.berth.db.model.ServiceEntity;
import io.berth.db.repository.ServiceRepository;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.UUID;

/**
 * Deleting a service only marks it DRAINING; the control loop scales it to zero, removes its containers
 * and then deletes the row. Deleting again is harmless and answers the same.
 */
@Service
public class ServiceDeletion {

    static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final ServiceRepository services;
    private final DesiredStateWrites writes;
    private final ServiceViews views;
    private final ReconcileNotifier notifier;
    private final TransactionTemplate transaction;

    public ServiceDeletion(ServiceRepository services, DesiredStateWrites writes, ServiceViews views,
                           ReconcileNotifier notifier, PlatformTransactionManager transactionManager) {
        this.services = services;
        this.writes = writes;
        this.views = views;
        this.notifier = notifier;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    public record Draining(UUID serviceId, ServiceView view) {
    }

    /** Marks the service DRAINING (committed) and tells the loop. */
    public Draining delete(String cluster, String name) {
        Draining draining = transaction.execute(status -> {
            ServiceEntity service = views.find(cluster, name);
            // Joins this transaction: the view below shows the service DRAINING, with the new updatedAt.
            writes.drainService(service.getId(), "service %s is being deleted: draining its tasks".formatted(name));
            return new Draining(service.getId(), views.view(service, true));
        });
        // Also on a repeated delete: a nudge is harmless, and it recovers a loop that missed the first one.
        notifier.serviceChanged(draining.serviceId());
        return draining;
    }

    /**
     * Polls until the loop has removed the row. Tracks the id, not the name: a service of the same name may
     * be created again meanwhile.
     *
     * @return false when {@code timeout} passed first
     */
    public boolean awaitGone(UUID serviceId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (services.existsById(serviceId)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                Thread.sleep(Math.min(POLL_INTERVAL.toMillis(), Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
