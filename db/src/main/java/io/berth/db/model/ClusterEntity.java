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

    @Column(name = "allow_privileged", nullable = false)
    private boolean allowPrivileged;

    /** JSON list of capability names. */
    @Column(name = "allowed_capabilities", nullable = false)
    private String allowedCapabilities = "[]";

    @Column(name = "allow_host_network", nullable = false)
    private boolean allowHostNetwork;

    @Column(name = "allow_host_paths", nullable = false)
    private boolean allowHostPaths;

    /** JSON object of the further policy settings; a key that is absent means its default. */
    @Column(name = "policy_rules", nullable = false)
    private String policyRules = "{}";

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

    public boolean isAllowPrivileged() {
        return allowPrivileged;
    }

    public String getAllowedCapabilities() {
        return allowedCapabilities;
    }

    public boolean isAllowHostNetwork() {
        return allowHostNetwork;
    }

    public boolean isAllowHostPaths() {
        return allowHostPaths;
    }

    public String getPolicyRules() {
        return policyRules;
    }

    /** Replaces the whole policy. */
    public void setPolicy(boolean privileged, String capabilitiesJson, boolean hostNetwork, boolean hostPaths,
                          String policyRulesJson) {
        this.allowPrivileged = privileged;
        this.allowedCapabilities = capabilitiesJson;
        this.allowHostNetwork = hostNetwork;
        this.allowHostPaths = hostPaths;
        this.policyRules = policyRulesJson;
    }
}
