package io.berth.db.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.DynamicUpdate;
import java.time.Instant;
import java.util.UUID;

/**
 * A Docker host registered in a cluster, with its capacity and what is left of it.
 *
 * <p>{@code @DynamicUpdate}: a save writes only the columns it changed. Several writers touch the row for unrelated
 * reasons — placements take resources off {@code remaining_*} by native SQL that leaves {@code version} alone, the
 * instance pass records contact, a user sets the status — and a save of every column would put back the stale
 * {@code remaining_*} it read, undoing a placement committed in between without any version conflict.
 */
@Entity
@DynamicUpdate
@Table(name = "container_instance")
public class ContainerInstanceEntity {

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private String cluster;

    @Column(nullable = false)
    private String endpoint;

    @Column(name = "engine_id")
    private String engineId;

    private String hostname;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private InstanceStatus status;

    private boolean connected;

    @Column(name = "last_seen")
    private Instant lastSeen;

    @Column(name = "registered_cpu")
    private int registeredCpu;

    @Column(name = "registered_memory")
    private int registeredMemory;

    @Column(name = "remaining_cpu")
    private int remainingCpu;

    @Column(name = "remaining_memory")
    private int remainingMemory;

    /** JSON object of string to string; its shape is the caller's business. */
    @Column(nullable = false)
    private String attributes = "{}";

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** Folder with ca.pem, cert.pem, key.pem for a tcp:// endpoint over mutual TLS; null for unix:// or insecure. */
    @Column(name = "tls_cert_path")
    private String tlsCertPath;

    /** A plain tcp:// endpoint the user explicitly allowed. */
    @Column(nullable = false)
    private boolean insecure;

    /** "22/tcp,2375/tcp", "" for none; null for the default set (see the reconciler's ContainerInstance). */
    @Column(name = "reserved_ports")
    private String reservedPorts;

    @Version
    private Long version;

    /** metadata.name of the ContainerInstance manifest that registered it; null when registered through the API. */
    @Column(name = "name")
    private String name;

    /**
     * Bumped only by native SQL ({@code ContainerInstanceRepository.claimPlacement} and {@code invalidatePlacements},
     * the store's set-based {@code PlacementClaims}); never written by Hibernate,
     * so a stale copy saved later cannot move it backwards.
     */
    @Column(name = "placement_version", insertable = false, updatable = false)
    private long placementVersion;

    protected ContainerInstanceEntity() {
    }

    /** A new ACTIVE, not yet connected instance whose remaining capacity is all of it. */
    public ContainerInstanceEntity(String cluster, String endpoint, int registeredCpu, int registeredMemory) {
        this.id = UUID.randomUUID();
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.status = InstanceStatus.ACTIVE;
        this.registeredCpu = registeredCpu;
        this.registeredMemory = registeredMemory;
        this.remainingCpu = registeredCpu;
        this.remainingMemory = registeredMemory;
    }

    @PrePersist
    void onPersist() {
        if (createdAt == null) {
            createdAt = DbClock.now();
        }
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = DbClock.now();
    }

    public UUID getId() {
        return id;
    }

    public String getCluster() {
        return cluster;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getEngineId() {
        return engineId;
    }

    public void setEngineId(String engineId) {
        this.engineId = engineId;
    }

    public String getHostname() {
        return hostname;
    }

    public void setHostname(String hostname) {
        this.hostname = hostname;
    }

    public InstanceStatus getStatus() {
        return status;
    }

    public void setStatus(InstanceStatus status) {
        this.status = status;
    }

    public boolean isConnected() {
        return connected;
    }

    public void setConnected(boolean connected) {
        this.connected = connected;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }

    public void setLastSeen(Instant lastSeen) {
        this.lastSeen = lastSeen;
    }

    public int getRegisteredCpu() {
        return registeredCpu;
    }

    public void setRegisteredCpu(int registeredCpu) {
        this.registeredCpu = registeredCpu;
    }

    public int getRegisteredMemory() {
        return registeredMemory;
    }

    public void setRegisteredMemory(int registeredMemory) {
        this.registeredMemory = registeredMemory;
    }

    public int getRemainingCpu() {
        return remainingCpu;
    }

    public void setRemainingCpu(int remainingCpu) {
        this.remainingCpu = remainingCpu;
    }

    public int getRemainingMemory() {
        return remainingMemory;
    }

    public void setRemainingMemory(int remainingMemory) {
        this.remainingMemory = remainingMemory;
    }

    public String getAttributes() {
        return attributes;
    }

    public void setAttributes(String attributes) {
        this.attributes = attributes;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public String getTlsCertPath() {
        return tlsCertPath;
    }

    public void setTlsCertPath(String tlsCertPath) {
        this.tlsCertPath = tlsCertPath;
    }

    public boolean isInsecure() {
        return insecure;
    }

    public void setInsecure(boolean insecure) {
        this.insecure = insecure;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public long getPlacementVersion() {
        return placementVersion;
    }

    public Long getVersion() {
        return version;
    }

    public String getReservedPorts() {
        return reservedPorts;
    }

    public void setReservedPorts(String reservedPorts) {
        this.reservedPorts = reservedPorts;
    }
}
