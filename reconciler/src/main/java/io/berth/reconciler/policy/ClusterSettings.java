package io.berth.reconciler.policy;

import java.util.Optional;

/** What launching a task needs to know besides its definition: the cluster's policy and stored registry logins. */
public interface ClusterSettings {

    /** Deny-all policy and no stored credentials: what a Berth without configuration has. */
    ClusterSettings DEFAULTS = new ClusterSettings() {
        @Override
        public ClusterPolicy policy(String cluster) {
            return ClusterPolicy.DENY_ALL;
        }

        @Override
        public Optional<RegistryCredential> credential(String name) {
            return Optional.empty();
        }
    };

    /** The cluster's policy; {@link ClusterPolicy#DENY_ALL} for a cluster that has none set. */
    ClusterPolicy policy(String cluster);

    /** @throws UnreadableCredentialException when it exists but its password cannot be decrypted */
    Optional<RegistryCredential> credential(String name);

    /**
     * A Secret's (decrypted) or Config's values, read when a task that uses them is launched; none stored here.
     *
     * @throws UnreadableSecretException when the secret exists but cannot be decrypted
     */
    default Optional<SecretValues> secretValues(io.berth.reconciler.model.SecretFile.Source source, String name) {
        return Optional.empty();
    }
}
