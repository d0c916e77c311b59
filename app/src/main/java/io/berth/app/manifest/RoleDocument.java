package io.berth.app.manifest;

import io.berth.app.security.access.Role;

import java.util.Map;

/** {@code kind: Role}: a custom role, installation-wide like a task definition. */
public record RoleDocument(String name, Map<String, String> labels, Role role) implements ManifestDocument {

    public RoleDocument {
        labels = Map.copyOf(labels);
    }
}
