package io.berth.db.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * A scheduled task as applied (its spec as canonical JSON), with what the firing pass keeps about it: the latest firing
 * time handled and the bounded firing history (JSON). Both halves share the version: an apply and a firing that race
 * on one row do not overwrite each other.
 */
@Entity
@Table(name = "scheduled_task")
public class ScheduledTaskEntity {

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private String cluster;

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

    @Column(name = "last_fire_at")
    private Instant lastFireAt;

    /** JSON list of the firings kept. */
    @Column(nullable = false)
    private String firings = "[]";

    @Version
    private Long version;

    protected ScheduledTaskEntity() {
    }

    public ScheduledTaskEntity(String cluster, String name, String spec, String labels, Instant now) {
        this.id = UUID.randomUUID();
        this.cluster = cluster;
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

    public void recordFirings(Instant lastFireAt, String firings) {
        this.lastFireAt = lastFireAt;
        this.firings = firings;
    }

    public UUID getId() {
        return id;
    }

    public String getCluster() {
        return cluster;
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

    public Instant getLastFireAt() {
        return lastFireAt;
    }

    public String getFirings() {
        return firings;
    }

    public Long getVersion() {
        return version;
    }
}
