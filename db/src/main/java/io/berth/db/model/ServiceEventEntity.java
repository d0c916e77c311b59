package io.berth.db.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A line in a service's event log ("has reached a steady state", ...). Immutable; trimmed by count. */
@Entity
@Table(name = "service_event")
public class ServiceEventEntity {

    // bigserial: ids grow with insertion, so "newest" is "highest id" (timestamps can tie).
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "service_id", nullable = false, updatable = false)
    private UUID serviceId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(nullable = false, updatable = false)
    private String message;

    protected ServiceEventEntity() {
    }

    public ServiceEventEntity(UUID serviceId, String message) {
        this(serviceId, message, DbClock.now());
    }

    /** An event at the time the reconciler decided it (its clock, so that de-duplication compares like with like). */
    public ServiceEventEntity(UUID serviceId, String message, Instant createdAt) {
        this.serviceId = serviceId;
        this.message = message;
        this.createdAt = createdAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    public Long getId() {
        return id;
    }

    public UUID getServiceId() {
        return serviceId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getMessage() {
        return message;
    }
}
