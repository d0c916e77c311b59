package io.berth.reconciler.testing;

import io.berth.reconciler.policy.ClusterPolicy;
import io.berth.reconciler.policy.ClusterSettings;
import io.berth.reconciler.policy.RegistryCredential;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Cluster policies and registry credentials held in memory, changed by tests between passes. */
public final class InMemoryClusterSettings implements ClusterSettings {

    private final Map<String, ClusterPolicy> policies = new ConcurrentHashMap<>();
    private final Map<String, RegistryCredential> credentials = new ConcurrentHashMap<>();
    private final Map<String, String> unreadable = new ConcurrentHashMap<>();

    /** The credential exists but its password cannot be decrypted (wrong key, altered): reading it throws. */
    public void putUnreadableCredential(String name, String why) {
        unreadable.put(name, why);
    }

    private final Map<String, io.berth.reconciler.policy.SecretValues> secrets = new ConcurrentHashMap<>();

    /** A secret (or, with {@code source} CONFIG, a config) as the launcher reads it. */
    public void putSecret(io.berth.reconciler.model.SecretFile.Source source,
                          io.berth.reconciler.policy.SecretValues values) {
        secrets.put(source + "/" + values.name(), values);
    }

    @Override
    public Optional<io.berth.reconciler.policy.SecretValues> secretValues(
            io.berth.reconciler.model.SecretFile.Source source, String name) {
        return Optional.ofNullable(secrets.get(source + "/" + name));
    }

    public void setPolicy(String cluster, ClusterPolicy policy) {
        policies.put(cluster, policy);
    }

    public void putCredential(RegistryCredential credential) {
        credentials.put(credential.name(), credential);
    }

    @Override
    public ClusterPolicy policy(String cluster) {
        return policies.getOrDefault(cluster, ClusterPolicy.DENY_ALL);
    }

    @Override
    public Optional<RegistryCredential> credential(String name) {
        String why = unreadable.get(name);
        if (why != null) {
            throw new io.berth.reconciler.policy.UnreadableCredentialException(why);
        }
        return Optional.ofNullable(credentials.get(name));
    }
}
