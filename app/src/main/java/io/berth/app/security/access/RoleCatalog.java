package io.berth.app.security.access;

import java.util.Optional;

/** Finds a role by name: a built-in one or a custom one applied as {@code kind: Role}. */
public interface RoleCatalog {

    Optional<Role> find(String name);
}
