package io.berth.reconciler.store.jpa;

import io.berth.db.model.ServiceEventEntity;
import io.berth.db.repository.ServiceEventRepository;
import io.berth.reconciler.desiredstate.ServiceEventRetention;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Appends to a service's event log and trims it to {@link ServiceEventRetention#KEPT}: the one place events are
 * written, for the control loop's events and the API's alike. Joins the caller's transaction.
 */
final class ServiceEventLog {

    private final ServiceEventRepository events;

    ServiceEventLog(ServiceEventRepository events) {
        this.events = events;
    }

    void append(UUID serviceId, List<String> messages, Instant now) {
        events.saveAll(messages.stream().map(m -> new ServiceEventEntity(serviceId, m, now)).toList());
        events.deleteAllButNewest(serviceId, ServiceEventRetention.KEPT);
    }
}
