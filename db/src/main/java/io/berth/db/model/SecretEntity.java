package io.berth.db.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A secret or config. {@code data} is, for a secret, the encrypted JSON object of its values
 * (io.berth.db.crypto.StoredSecrets), for a config the JSON object itself; {@code keyNames} is the JSON array of
 * its keys, readable without the key. {@code version} counts changes of the values (1, 2, ...): tasks record the
 * version they were started with.
 */
@Entity
@Table(name = "secret")
@IdClass(SecretId.class)
public class SecretEntity {

    @Id
    @Enumerated(EnumType.STRING)
    private SecretKind kind;

    @Id
    private String name;

    @Column(nullable = false)
    private int version;

    @Column(name = "key_names", nullable = false)
    private String keyNames;

    @Column(nullable = false)
    private String data;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @jakarta.persistence.Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected SecretEntity() {
    }

    public SecretEntity(SecretKind kind, String name, String keyNames, String data) {
        this.kind = kind;
        this.name = name;
        this.version = 1;
        this.keyNames = keyNames;
        this.data = data;
    }

    @PrePersist
    void onPersist() {
        Instant now = DbClock.now();
        if (createdAt == null) {
            createdAt = now;
        }
        updatedAt = now;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = DbClock.now();
    }

    /** New values: the next version. */
    public void replace(String newKeyNames, String newData) {
        this.keyNames = newKeyNames;
        this.data = newData;
        this.version++;
    }

    /** The same values in another stored form (re-encrypted with a new key): the version stays. */
    public void reseal(String newData) {
        this.data = newData;
    }

    public SecretKind getKind() {
        return kind;
    }

    public String getName() {
        return name;
    }

    public int getVersion() {
        return version;
    }

    public String getKeyNames() {
        return keyNames;
    }

    public String getData() {
        return data;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
