package io.berth.app.security;

import io.berth.app.BerthProperties;
import io.berth.db.crypto.CredentialCipher;
import io.berth.db.crypto.CredentialKeyFile;
import io.berth.db.crypto.StoredPasswords;
import io.berth.db.crypto.StoredSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The key that encrypts stored registry passwords: {@code berth.credentials.key} (base64 of 32 bytes, e.g. from a
 * Kubernetes secret or {@code openssl rand -base64 32}), or else {@code <data-dir>/credentials.key}, generated once.
 * A key that is set but invalid stops Berth at start with a message naming the setting.
 */
@Configuration(proxyBeanMethods = false)
public class CredentialEncryptionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CredentialEncryptionConfiguration.class);

    @Bean
    StoredPasswords storedPasswords(@Value("${berth.credentials.key:}") String configuredKey,
                                    @Value("${berth.credentials.previous-key:}") String previousKey, BerthProperties berth) {
        CredentialCipher cipher;
        if (configuredKey != null && !configuredKey.isBlank()) {
            cipher = CredentialCipher.fromBase64(configuredKey, "berth.credentials.key");
        } else {
            try {
                cipher = CredentialKeyFile.loadOrCreate(berth.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read or create " + berth.dataDir().resolve(CredentialKeyFile.FILE_NAME)
                        + " (the key for stored registry passwords; or set berth.credentials.key)", e);
            }
        }
        log.info("registry credential passwords and secrets are encrypted with {}", cipher);
        // During a rotation values under the old key stay readable until CredentialKeyRotation re-encrypts them.
        CredentialCipher previous = previousKey == null || previousKey.isBlank() ? null
                : CredentialCipher.fromBase64(previousKey, "berth.credentials.previous-key");
        return new StoredPasswords(cipher, previous);
    }

    /** Secrets' values, with the same key as registry passwords. */
    @Bean
    StoredSecrets storedSecrets(StoredPasswords passwords) {
        return new StoredSecrets(passwords.cipher(), passwords.previous());
    }
}
