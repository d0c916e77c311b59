package io.berth.app.security;

import io.berth.db.crypto.StoredPasswords;
import io.berth.db.model.RegistryCredentialEntity;
import io.berth.db.repository.RegistryCredentialRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start, encrypts the registry passwords stored in plain text before encryption at rest (V9_1), so that a Berth
 * upgraded in place leaves none in the database after its first start. Idempotent: encrypted rows are left alone.
 */
@Component
public class PlainCredentialMigration implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PlainCredentialMigration.class);

    private final RegistryCredentialRepository credentials;
    private final StoredPasswords passwords;
    private final TransactionTemplate tx;

    public PlainCredentialMigration(RegistryCredentialRepository credentials, StoredPasswords passwords,
                                    PlatformTransactionManager transactions) {
        this.credentials = credentials;
        this.passwords = passwords;
        this.tx = new TransactionTemplate(transactions);
    }

    @Override
    public void run(ApplicationArguments args) {
        int encrypted = encryptPlainRows();
        if (encrypted > 0) {
            log.info("encrypted {} registry credential password(s) stored in plain text", encrypted);
        }
    }

    /** @return how many plain rows it encrypted */
    public int encryptPlainRows() {
        Integer n = tx.execute(s -> {
            int count = 0;
            for (RegistryCredentialEntity e : credentials.findAll()) {
                if (passwords.encryptIfPlain(e)) {
                    count++;
                }
            }
            return count;
        });
        return n == null ? 0 : n;
    }
}
