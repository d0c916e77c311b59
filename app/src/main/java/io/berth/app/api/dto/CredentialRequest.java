package io.berth.app.api.dto;

/** Body of {@code POST /v1/credentials}: a private registry login. */
public record CredentialRequest(String name, String serverAddress, String username, String password) {

    /** Never prints the password (request bodies can end up in logs). */
    @Override
    public String toString() {
        return "CredentialRequest[" + name + ", " + serverAddress + ", " + username + ", ****]";
    }
}
