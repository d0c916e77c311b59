package io.berth.reconciler.policy;

/**
 * A stored credential exists but its password cannot be read (encrypted with another key, or altered). The task
 * that needs it fails with this message as its reason; the loop goes on.
 */
public final class UnreadableCredentialException extends RuntimeException {

    public UnreadableCredentialException(String message) {
        super(message);
    }
}
