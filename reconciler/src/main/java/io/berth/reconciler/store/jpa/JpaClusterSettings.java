package io.berth.reconciler.store.jpa;

import io.berth.db.model.ClusterEntity;
import io.berth.db.repository.ClusterRepository;
import io.berth.db.repository.RegistryCredentialRepository;
import io.berth.reconciler.policy.ClusterPolicy;
import io.berth.reconciler.policy.ClusterSettings;
import io.berth.reconciler.policy.RegistryCredential;
import io.berth.reconciler.policy.UnreadableCredentialException;
import io.berth.db.crypto.StoredPasswords;
import io.berth.db.crypto.StoredSecrets;
import io.berth.db.model.SecretKind;
import io.berth.db.repository.SecretRepository;
import io.berth.reconciler.model.SecretFile;
import io.berth.reconciler.policy.SecretValues;
import io.berth.reconciler.policy.UnreadableSecretException;
import java.util.Map;
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

    private final SecretRepository secrets;
    private final StoredSecrets sealed;

    /** Without secrets and configs: every lookup of one finds none. */
    public JpaClusterSettings(ClusterRepository clusters, RegistryCredentialRepository credentials,
                              StoredPasswords passwords) {
        this(clusters, credentials, passwords, null, null);
    }

    public JpaClusterSettings(ClusterRepository clusters, RegistryCredentialRepository credentials,
                              StoredPasswords passwords, SecretRepository secrets, StoredSecrets sealed) {
        this.clusters = clusters;
        this.credentials = credentials;
        this.passwords = passwords;
        this.secrets = secrets;
        this.sealed = sealed;
    }

    @Override
    public Optional<SecretValues> secretValues(SecretFile.Source source, String name) {
        if (secrets == null) {
            return Optional.empty();
        }
        SecretKind kind = source == SecretFile.Source.SECRET ? SecretKind.SECRET : SecretKind.CONFIG;
        return secrets.findByKindAndName(kind, name).map(e -> {
            try {
                Map<String, String> values = JSON.readValue(sealed.open(e), new TypeReference<Map<String, String>>() {
                });
                return new SecretValues(e.getName(), e.getVersion(), values);
            } catch (StoredSecrets.UnreadableSecretException ex) {
                throw new UnreadableSecretException(ex.getMessage());
            }
        });
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
