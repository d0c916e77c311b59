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

    /** The plain password of a row stored before encryption at rest (V9_1); null once encrypted. */
    @Column
    private String password;

    /** {@code v1:<key id>:<base64>} (io.berth.db.crypto.CredentialCipher); null only for a legacy plain row. */
    @Column(name = "password_encrypted")
    private String passwordEncrypted;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private Long version;

    protected RegistryCredentialEntity() {
    }

    /** @param passwordEncrypted the encrypted password (see io.berth.db.crypto.StoredPasswords) */
    public RegistryCredentialEntity(String name, String serverAddress, String username, String passwordEncrypted) {
        this.name = name;
        this.serverAddress = serverAddress;
        this.username = username;
        this.passwordEncrypted = passwordEncrypted;
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

    public void replace(String newServerAddress, String newUsername, String newPasswordEncrypted) {
        this.serverAddress = newServerAddress;
        this.username = newUsername;
        setPasswordEncrypted(newPasswordEncrypted);
    }

    /** Stores the encrypted form and drops a legacy plain password. */
    public void setPasswordEncrypted(String encrypted) {
        this.passwordEncrypted = encrypted;
        this.password = null;
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

    /** The legacy plain password; null once the row is encrypted. */
    public String getPlainPassword() {
        return password;
    }

    public String getPasswordEncrypted() {
        return passwordEncrypted;
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
