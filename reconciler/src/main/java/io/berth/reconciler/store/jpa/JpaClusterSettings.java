package io.berth.reconciler.store.jpa;

import io.berth.db.model.ClusterEntity;
import io.berth.db.repository.ClusterRepository;
import io.berth.db.repository.RegistryCredentialRepository;
import io.berth.reconciler.policy.ClusterPolicy;
import io.berth.reconciler.policy.ClusterSettings;
import io.berth.reconciler.policy.RegistryCredential;
import io.berth.reconciler.policy.UnreadableCredentialException;
import io.berth.db.crypto.StoredPasswords;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** {@link ClusterSettings} read from PostgreSQL at every launch, so that a changed policy applies at once. */
public final class JpaClusterSettings implements ClusterSettings {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ClusterRepository clusters;
    private final RegistryCredentialRepository credentials;
    private final StoredPasswords passwords;

    public JpaClusterSettings(ClusterRepository clusters, RegistryCredentialRepository credentials,
                              StoredPasswords passwords) {
        this.clusters = clusters;
        this.credentials = credentials;
        this.passwords = passwords;
    }

    @Override
    public ClusterPolicy policy(String cluster) {
        return clusters.findById(cluster).map(JpaClusterSettings::policyOf).orElse(ClusterPolicy.DENY_ALL);
    }

    public static ClusterPolicy policyOf(ClusterEntity c) {
        List<String> capabilities = JSON.readValue(c.getAllowedCapabilities(), new TypeReference<List<String>>() {
        });
        return PolicyRulesJson.read(c.getPolicyRules(), new ClusterPolicy(c.isAllowPrivileged(),
                new LinkedHashSet<>(capabilities), c.isAllowHostNetwork(), c.isAllowHostPaths()));
    }

    @Override
    public Optional<RegistryCredential> credential(String name) {
        return credentials.findById(name).map(e -> {
            try {
                return new RegistryCredential(e.getName(), e.getServerAddress(), e.getUsername(), passwords.password(e));
            } catch (StoredPasswords.UnreadablePasswordException ex) {
                throw new UnreadableCredentialException(ex.getMessage());
            }
        });
    }
}
