package io.berth.db.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * AES-256-GCM for secrets stored in PostgreSQL (registry credential passwords), like Kubernetes' aesgcm
 * encryption-at-rest provider: a database dump or backup alone does not reveal them.
 *
 * <p>Stored form: {@code v1:<key id>:<base64(12-byte nonce | ciphertext | 16-byte tag)>}. The key id (first 8 hex
 * characters of SHA-256 of the key) tells a wrong key apart from a tampered value. The associated data binds a value
 * to its row (the credential's name): a ciphertext copied onto another row does not decrypt.
 */
public final class CredentialCipher {

    public static final String PREFIX = "v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;
    private final String keySource;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keySource where the key came from, for error messages ("berth.credentials.key", a file path)
     */
    public CredentialCipher(byte[] key, String keySource) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException(keySource + ": an AES-256 key must be " + KEY_BYTES + " bytes, got "
                    + (key == null ? 0 : key.length));
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.keyId = keyId(key);
        this.keySource = keySource;
    }

    /** A key given as base64 text (e.g. {@code openssl rand -base64 32}); errors name {@code keySource}. */
    public static CredentialCipher fromBase64(String base64, String keySource) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(keySource + " is not valid base64 (" + e.getMessage()
                    + "); generate one with: openssl rand -base64 32");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(keySource + " must decode to " + KEY_BYTES + " bytes (AES-256), got "
                    + key.length + "; generate one with: openssl rand -base64 32");
        }
        return new CredentialCipher(key, keySource);
    }

    public String keyId() {
        return keyId;
    }

    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** @param context the row the value belongs to (associated data), e.g. the credential's name */
    public String encrypt(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * @throws UndecryptableException naming why: another key, or a value that was altered (or moved to another row)
     */
    public String decrypt(String stored, String context) {
        if (!isEncrypted(stored)) {
            throw new UndecryptableException("the stored value is not in the " + PREFIX + " encrypted form");
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new UndecryptableException("the stored value is malformed (no key id)");
        }
        String storedKeyId = stored.substring(PREFIX.length(), colon);
        if (!storedKeyId.equals(keyId)) {
            throw new UndecryptableException("it was encrypted with key " + storedKeyId + " but the key in use ("
                    + keySource + ") is " + keyId + ": configure the key it was stored with");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(stored.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new UndecryptableException("the stored value is malformed (not base64)");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UndecryptableException("the stored value is malformed (too short)");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(in, NONCE_BYTES)));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UndecryptableException("its authentication tag does not match: the stored value was altered "
                    + "or belongs to another row");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private static String keyId(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "CredentialCipher[key " + keyId + " from " + keySource + "]"; // never the key
    }

    /** A stored value this cipher cannot open; the message says why in words an operator acts on. */
    public static final class UndecryptableException extends RuntimeException {
        public UndecryptableException(String message) {
            super(message);
        }
    }
}
