package io.berth.app.security.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes token secrets and the hashes that are stored instead of them.
 *
 * <p>A plain SHA-256 is enough here, unlike for passwords: a secret is 256 random bits, so there is no dictionary to
 * try and no way to brute-force a leaked hash, and slow hashes (bcrypt, argon2) only exist to stretch low-entropy
 * input. A fast, unsalted hash also lets a request find its token with one indexed lookup.
 */
public final class TokenSecrets {

    /** Lets authenticators tell an API token from other bearer credentials (a JWT, the admin token) cheaply. */
    public static final String PREFIX = "berth_";
    private static final int BYTES = 32;

    private final SecureRandom random;

    public TokenSecrets(SecureRandom random) {
        this.random = random;
    }

    public String generate() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
