package io.berth.db.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A named group of container instances; services and tasks belong to one. */
@Entity
@Table(name = "cluster")
public class ClusterEntity {

    @Id
    private String name;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    // A wrapper type: null tells Spring Data the entity is new, so save() persists without a select.
    @Version
    private Long version;

    protected ClusterEntity() {
    }

    public ClusterEntity(String name) {
        this.name = name;
    }

    @PrePersist
    void onPersist() {
        if (createdAt == null) {
            createdAt = DbClock.now();
        }
    }

    public String getName() {
        return name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Long getVersion() {
        return version;
    }
}
