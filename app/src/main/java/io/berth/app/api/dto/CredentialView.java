package io.berth.app.api.dto;

import java.time.Instant;

/** A stored registry login as the API shows it: never the password. */
public record CredentialView(String name, String serverAddress, String username, Instant createdAt,
                             Instant updatedAt) {
}
