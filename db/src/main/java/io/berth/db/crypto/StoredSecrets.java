package io.berth.db.crypto;

import io.berth.db.model.SecretEntity;
import io.berth.db.model.SecretKind;

/**
 * Seals and opens the values of secrets with the same key as registry passwords. The associated data is
 * {@code secret/<name>}: a ciphertext copied onto another secret's row, or onto a registry credential's, does not
 * decrypt. Messages name the secret and why, never a value.
 */
public final class StoredSecrets {

    private final CredentialCipher cipher;
    /** The key being rotated away from (berth.credentials.previous-key), or null: still readable, never written. */
    private final CredentialCipher previous;

    public StoredSecrets(CredentialCipher cipher) {
        this(cipher, null);
    }

    public StoredSecrets(CredentialCipher cipher, CredentialCipher previous) {
        this.cipher = cipher;
        this.previous = previous;
    }

    /** @param valuesJson the secret's values as a JSON object */
    public String seal(String secretName, String valuesJson) {
        return cipher.encrypt(valuesJson, context(secretName));
    }

    /**
     * The values as a JSON object: decrypted for a secret, as stored for a config.
     *
     * @throws UnreadableSecretException naming the secret and why (another key, an altered value)
     */
    public String open(SecretEntity e) {
        if (e.getKind() == SecretKind.CONFIG) {
            return e.getData();
        }
        try {
            CredentialCipher with = previous != null
                    && e.getData().startsWith(CredentialCipher.PREFIX + previous.keyId() + ":") ? previous : cipher;
            return with.decrypt(e.getData(), context(e.getName()));
        } catch (CredentialCipher.UndecryptableException ex) {
            throw new UnreadableSecretException("secret \"" + e.getName() + "\" cannot be decrypted: "
                    + ex.getMessage());
        }
    }

    /** Whether the secret's values are sealed with the key in use (rotation re-seals the others). */
    public boolean sealedWithCurrentKey(SecretEntity e) {
        return e.getKind() == SecretKind.CONFIG
                || e.getData().startsWith(CredentialCipher.PREFIX + cipher.keyId() + ":");
    }

    private static String context(String secretName) {
        return "secret/" + secretName;
    }

    public static final class UnreadableSecretException extends RuntimeException {
        public UnreadableSecretException(String message) {
            super(message);
        }
    }
}
