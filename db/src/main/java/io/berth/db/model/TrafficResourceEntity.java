package io.berth.db.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * A target group or a load balancer as applied: its spec as canonical JSON (the reconciler's store maps it to the
 * traffic model). One table for both kinds: they are stored, listed and deleted alike.
 */
@Entity
@Table(name = "traffic_resource")
public class TrafficResourceEntity {

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private String cluster;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private TrafficKind kind;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(nullable = false)
    private String spec;

    /** JSON object of string to string. */
    @Column(nullable = false)
    private String labels = "{}";

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private Long version;

    protected TrafficResourceEntity() {
    }

    public TrafficResourceEntity(String cluster, TrafficKind kind, String name, String spec, String labels, Instant now) {
        this.id = UUID.randomUUID();
        this.cluster = cluster;
        this.kind = kind;
        this.name = name;
        this.spec = spec;
        this.labels = labels;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void replace(String spec, String labels, Instant now) {
        this.spec = spec;
        this.labels = labels;
        this.updatedAt = now;
    }

    public UUID getId() {
        return id;
    }

    public String getCluster() {
        return cluster;
    }

    public TrafficKind getKind() {
        return kind;
    }

    public String getName() {
        return name;
    }

    public String getSpec() {
        return spec;
    }

    public String getLabels() {
        return labels;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
