package io.berth.reconciler.policy;

import java.util.Map;

/**
 * The values of a secret or config, read (and decrypted) at launch. {@link #toString()} names the keys only, so
 * that a value never reaches a log line or an exception message by accident.
 */
public record SecretValues(String name, int version, Map<String, String> values) {

    public SecretValues {
        values = Map.copyOf(values);
    }

    @Override
    public String toString() {
        return "SecretValues[" + name + " v" + version + ", keys " + new java.util.TreeSet<>(values.keySet()) + "]";
    }
}
