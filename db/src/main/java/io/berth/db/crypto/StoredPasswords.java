package io.berth.db.crypto;

import io.berth.db.model.RegistryCredentialEntity;

/**
 * Reads and writes registry credential passwords through the {@link CredentialCipher}. The associated data is the
 * credential's name, so a ciphertext copied onto another credential's row does not decrypt.
 */
public final class StoredPasswords {

    private final CredentialCipher cipher;
    /** The key being rotated away from (berth.credentials.previous-key), or null: still readable, never written. */
    private final CredentialCipher previous;

    public StoredPasswords(CredentialCipher cipher) {
        this(cipher, null);
    }

    public StoredPasswords(CredentialCipher cipher, CredentialCipher previous) {
        this.cipher = cipher;
        this.previous = previous;
    }

    /** The previous key during a rotation, else null. */
    public CredentialCipher previous() {
        return previous;
    }

    public String encrypt(String credentialName, String password) {
        return cipher.encrypt(password, credentialName);
    }

    /**
     * The plain password: decrypted, or a legacy plain row's as stored.
     *
     * @throws UnreadablePasswordException naming the credential and why (wrong key, altered value)
     */
    public String password(RegistryCredentialEntity e) {
        if (e.getPasswordEncrypted() == null) {
            return e.getPlainPassword();
        }
        try {
            CredentialCipher with = previous != null && e.getPasswordEncrypted()
                    .startsWith(CredentialCipher.PREFIX + previous.keyId() + ":") ? previous : cipher;
            return with.decrypt(e.getPasswordEncrypted(), e.getName());
        } catch (CredentialCipher.UndecryptableException ex) {
            throw new UnreadablePasswordException("the password of registry credential \"" + e.getName()
                    + "\" cannot be decrypted: " + ex.getMessage());
        }
    }

    /** Encrypts a legacy plain row in place; returns whether it was one. */
    public boolean encryptIfPlain(RegistryCredentialEntity e) {
        if (e.getPasswordEncrypted() != null || e.getPlainPassword() == null) {
            return false;
        }
        e.setPasswordEncrypted(encrypt(e.getName(), e.getPlainPassword()));
        return true;
    }

    public CredentialCipher cipher() {
        return cipher;
    }

    public static final class UnreadablePasswordException extends RuntimeException {
        public UnreadablePasswordException(String message) {
            super(message);
        }
    }
}
