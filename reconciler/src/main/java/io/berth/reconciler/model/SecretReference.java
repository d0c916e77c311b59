package io.berth.reconciler.model;

/**
 * ECS's {@code secrets: [{name, valueFrom}]}: the environment variable {@code name} gets the value of key
 * {@code key} of the Berth Secret {@code secret} ({@code valueFrom: "secret:key"}), read and decrypted when the
 * container is created, never stored with the task.
 */
public record SecretReference(String name, String secret, String key) {

    /** The {@code valueFrom} form. */
    public String valueFrom() {
        return secret + ":" + key;
    }
}
