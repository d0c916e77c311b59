package io.berth.reconciler.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * The version of each secret and config (by name) a task's containers were given at launch: what the API shows as
 * {@code secretVersions} / {@code configVersions}, never a value.
 */
public record SecretVersions(Map<String, Integer> secrets, Map<String, Integer> configs) {

    public static final SecretVersions NONE = new SecretVersions(Map.of(), Map.of());

    public SecretVersions {
        secrets = Map.copyOf(secrets);
        configs = Map.copyOf(configs);
    }

    /** Both, {@code other} winning where they name the same secret or config. */
    public SecretVersions plus(SecretVersions other) {
        Map<String, Integer> s = new TreeMap<>(secrets);
        s.putAll(other.secrets);
        Map<String, Integer> c = new TreeMap<>(configs);
        c.putAll(other.configs);
        return new SecretVersions(s, c);
    }

    public boolean isEmpty() {
        return secrets.isEmpty() && configs.isEmpty();
    }
}
