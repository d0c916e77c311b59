package io.berth.reconciler.policy;

/**
 * A stored private-registry login, named by a container definition's
 * {@code repositoryCredentials.credentialsParameter}.
 */
public record RegistryCredential(String name, String serverAddress, String username, String password) {

    /** Never prints the password. */
    @Override
    public String toString() {
        return "RegistryCredential[" + name + ", " + serverAddress + ", " + username + ", ****]";
    }
}
