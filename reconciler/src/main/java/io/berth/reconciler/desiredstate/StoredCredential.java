package io.berth.reconciler.desiredstate;

/**
 * A private-registry login as stored.
 *
 * @param serverAddress     null for any registry
 * @param passwordEncrypted the password, already encrypted for storage
 */
public record StoredCredential(String name, String serverAddress, String username, String passwordEncrypted) {
}
