package io.berth.db.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialCipherTest {

    private static final String KEY_A = Base64.getEncoder().encodeToString(bytes(32, 1));
    private static final String KEY_B = Base64.getEncoder().encodeToString(bytes(32, 2));

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (seed * 31 + i);
        return b;
    }

    private final CredentialCipher cipher = CredentialCipher.fromBase64(KEY_A, "berth.credentials.key");

    @Test
    void roundTripAndTheStoredFormHidesThePassword() {
        String stored = cipher.encrypt("s3cret-pässword", "registry-a");

        assertThat(stored).startsWith("v1:" + cipher.keyId() + ":").doesNotContain("s3cret");
        assertThat(CredentialCipher.isEncrypted(stored)).isTrue();
        assertThat(cipher.decrypt(stored, "registry-a")).isEqualTo("s3cret-pässword");
        assertThat(cipher.encrypt("s3cret-pässword", "registry-a")).as("a fresh nonce each time").isNotEqualTo(stored);
    }

    @Test
    void anAlteredValueIsDetected() {
        String stored = cipher.encrypt("s3cret", "registry-a");
        int at = stored.lastIndexOf(':') + 1;
        byte[] raw = Base64.getDecoder().decode(stored.substring(at));
        raw[raw.length / 2] ^= 1;
        String tampered = stored.substring(0, at) + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> cipher.decrypt(tampered, "registry-a"))
                .isInstanceOf(CredentialCipher.UndecryptableException.class)
                .hasMessageContaining("authentication tag does not match").hasMessageContaining("altered");
    }

    @Test
    void aValueMovedToAnotherRowDoesNotDecrypt() {
        String stored = cipher.encrypt("s3cret", "registry-a");

        assertThatThrownBy(() -> cipher.decrypt(stored, "registry-b"))
                .isInstanceOf(CredentialCipher.UndecryptableException.class)
                .hasMessageContaining("belongs to another row");
    }

    @Test
    void aWrongKeyIsNamedAsSuch() {
        String stored = cipher.encrypt("s3cret", "registry-a");
        CredentialCipher other = CredentialCipher.fromBase64(KEY_B, "/var/lib/berth/credentials.key");

        assertThatThrownBy(() -> other.decrypt(stored, "registry-a"))
                .isInstanceOf(CredentialCipher.UndecryptableException.class)
                .hasMessage("it was encrypted with key " + cipher.keyId() + " but the key in use "
                        + "(/var/lib/berth/credentials.key) is " + other.keyId() + ": configure the key it was stored with");
    }

    @Test
    void badKeysAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> CredentialCipher.fromBase64("not base64!", "berth.credentials.key"))
                .hasMessageStartingWith("berth.credentials.key is not valid base64");
        assertThatThrownBy(() -> CredentialCipher.fromBase64(Base64.getEncoder().encodeToString(bytes(16, 1)),
                "berth.credentials.key"))
                .hasMessage("berth.credentials.key must decode to 32 bytes (AES-256), got 16; "
                        + "generate one with: openssl rand -base64 32");
        assertThat(cipher.toString()).doesNotContain(KEY_A);
    }

    @Test
    void theKeyFileIsGeneratedOnceWithMode600AndReused(@TempDir Path dataDir) throws Exception {
        CredentialCipher first = CredentialKeyFile.loadOrCreate(dataDir);
        Path file = dataDir.resolve("credentials.key");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.UTF_8).strip())).hasSize(32);
        CredentialCipher again = CredentialKeyFile.loadOrCreate(dataDir);
        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(again.decrypt(first.encrypt("pw", "r"), "r")).isEqualTo("pw");
        try (var files = Files.list(dataDir)) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> CredentialKeyFile.loadOrCreate(dataDir))
                .hasMessageContaining("is readable by other users").hasMessageContaining("chmod 600");
    }
}
