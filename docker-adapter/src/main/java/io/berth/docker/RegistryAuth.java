package io.berth.docker;

/**
 * Credentials for pulling from a private registry (Docker's X-Registry-Auth).
 *
 * @param serverAddress registry host, e.g. "registry.example.com:5000"; null = Docker Hub
 */
public record RegistryAuth(String serverAddress, String username, String password) {

    /** Never prints the password: these records end up in logs and exception messages. */
    @Override
    public String toString() {
        return "RegistryAuth[" + serverAddress + ", " + username + ", ****]";
    }
}
