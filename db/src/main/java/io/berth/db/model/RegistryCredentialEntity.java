package io.berth.db.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A private registry login; containers name it in repositoryCredentials.credentialsParameter. */
@Entity
@Table(name = "registry_credential")
public class RegistryCredentialEntity {

    @Id
    private String name;

    @Column(name = "server_address")
    private String serverAddress;

    @Column(nullable = false)
    private String username;

    @Column(nullable = false)
    private String password;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private Long version;

    protected RegistryCredentialEntity() {
    }

    public RegistryCredentialEntity(String name, String serverAddress, String username, String password) {
        this.name = name;
        this.serverAddress = serverAddress;
        this.username = username;
        this.password = password;
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

    public void replace(String newServerAddress, String newUsername, String newPassword) {
        this.serverAddress = newServerAddress;
        this.username = newUsername;
        this.password = newPassword;
    }

    public String getName() {
        return name;
    }

    public String getServerAddress() {
        return serverAddress;
    }

    public String getUsername() {
        return username;
    }

    public String getPassword() {
        return password;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Long getVersion() {
        return version;
    }
}
