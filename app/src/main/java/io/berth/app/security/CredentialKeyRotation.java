package io.berth.app.security;

import io.berth.db.crypto.CredentialCipher;
import io.berth.db.crypto.StoredPasswords;
import io.berth.db.crypto.StoredSecrets;
import io.berth.db.model.RegistryCredentialEntity;
import io.berth.db.model.SecretEntity;
import io.berth.db.model.SecretKind;
import io.berth.db.repository.RegistryCredentialRepository;
import io.berth.db.repository.SecretRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotates the key that encrypts registry passwords and secrets: started with the new key as
 * {@code berth.credentials.key} and the old one as {@code berth.credentials.previous-key}, Berth re-encrypts at start
 * every value stored with the old key, in one transaction, before the control loop reads any. Idempotent (values
 * already under the new key are left alone), so the old key can stay set until every Berth of the installation has
 * started once; then remove it. Versions of secrets do not change: their values did not.
 */
@Component
public class CredentialKeyRotation implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CredentialKeyRotation.class);

    private final RegistryCredentialRepository credentials;
    private final SecretRepository secrets;
    private final StoredPasswords passwords;
    private final StoredSecrets sealed;
    private final TransactionTemplate tx;
    private final String previousKey;

    public CredentialKeyRotation(RegistryCredentialRepository credentials, SecretRepository secrets,
                                 StoredPasswords passwords, StoredSecrets sealed, PlatformTransactionManager transactions,
                                 @Value("${berth.credentials.previous-key:}") String previousKey) {
        this.credentials = credentials;
        this.secrets = secrets;
        this.passwords = passwords;
        this.sealed = sealed;
        this.tx = new TransactionTemplate(transactions);
        this.previousKey = previousKey;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (previousKey == null || previousKey.isBlank()) {
            return;
        }
        CredentialCipher previous = CredentialCipher.fromBase64(previousKey, "berth.credentials.previous-key");
        int moved = rotate(previous);
        log.info("key rotation: {} value(s) re-encrypted from key {} to key {}; once every Berth of this installation "
                + "has started with the new key, remove berth.credentials.previous-key", moved, previous.keyId(),
                passwords.cipher().keyId());
    }

    /** @return how many registry passwords and secrets it re-encrypted from {@code previous} to the current key */
    public int rotate(CredentialCipher previous) {
        if (previous.keyId().equals(passwords.cipher().keyId())) {
            return 0; // the same key twice: nothing to do
        }
        String oldPrefix = CredentialCipher.PREFIX + previous.keyId() + ":";
        StoredPasswords oldPasswords = new StoredPasswords(previous);
        StoredSecrets oldSecrets = new StoredSecrets(previous);
        Integer n = tx.execute(s -> {
            int count = 0;
            for (RegistryCredentialEntity e : credentials.findAll()) {
                if (e.getPasswordEncrypted() != null && e.getPasswordEncrypted().startsWith(oldPrefix)) {
                    e.setPasswordEncrypted(passwords.encrypt(e.getName(), oldPasswords.password(e)));
                    count++;
                }
            }
            for (SecretEntity e : secrets.findByKind(SecretKind.SECRET)) {
                if (e.getData().startsWith(oldPrefix)) {
                    e.reseal(sealed.seal(e.getName(), oldSecrets.open(e)));
                    count++;
                } else if (!sealed.sealedWithCurrentKey(e)) {
                    // Never the value: only which row could not be moved.
                    log.warn("secret \"{}\" is encrypted with neither the current nor the previous key; left as it is",
                            e.getName());
                }
            }
            return count;
        });
        return n == null ? 0 : n;
    }
}
