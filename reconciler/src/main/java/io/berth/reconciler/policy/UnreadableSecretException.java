package io.berth.reconciler.policy;

/** A secret that exists but cannot be decrypted (another key, an altered row); the message names it, not a value. */
public final class UnreadableSecretException extends RuntimeException {
    public UnreadableSecretException(String message) {
        super(message);
    }
}
