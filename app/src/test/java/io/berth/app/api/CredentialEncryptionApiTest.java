package io.berth.app.api;

import io.berth.app.security.PlainCredentialMigration;
import io.berth.db.crypto.CredentialCipher;
import io.berth.db.crypto.StoredPasswords;
import io.berth.db.repository.RegistryCredentialRepository;
import io.berth.reconciler.policy.RegistryCredential;
import io.berth.reconciler.policy.UnreadableCredentialException;
import io.berth.reconciler.store.jpa.JpaClusterSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Registry passwords encrypted at rest in the real PostgreSQL: what the API stores, what the loop reads back,
 * rows stored in plain text before V9_1, a wrong key and an altered value.
 */
class CredentialEncryptionApiTest extends ApiTestSupport {

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private RegistryCredentialRepository credentials;
    @Autowired
    private StoredPasswords passwords;
    @Autowired
    private PlainCredentialMigration migration;

    private JpaClusterSettings settings(StoredPasswords with) {
        return new JpaClusterSettings(clusters, credentials, with);
    }

    private void save(String name, String password) throws Exception {
        mvc.perform(post("/v1/credentials").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"%s\",\"serverAddress\":\"127.0.0.1:5391\",\"username\":\"bot\",\"password\":\"%s\"}"
                                .formatted(name, password)))
                .andExpect(status().is2xxSuccessful());
    }

    private Map<String, Object> row(String name) {
        return jdbc.queryForMap("select password, password_encrypted from registry_credential where name = ?", name);
    }

    /** A row as Berth stored it before encryption at rest. */
    private void insertPlainRow(String name, String password) {
        jdbc.update("insert into registry_credential (name, server_address, username, password, created_at, updated_at) "
                + "values (?, '127.0.0.1:5391', 'bot', ?, now(), now())", name, password);
    }

    @Test
    void theApiStoresOnlyCiphertextAndTheLoopReadsThePassword() throws Exception {
        String name = unique("enc");
        save(name, "s3cret-at-rest");

        Map<String, Object> stored = row(name);
        assertThat(stored.get("password")).isNull();
        assertThat((String) stored.get("password_encrypted")).startsWith("v1:" + passwords.cipher().keyId() + ":")
                .doesNotContain("s3cret");
        assertThat(settings(passwords).credential(name))
                .contains(new RegistryCredential(name, "127.0.0.1:5391", "bot", "s3cret-at-rest"));
    }

    @Test
    void plainRowsStayReadableAndAreEncryptedAtStartAndOnWrite() throws Exception {
        String atStart = unique("legacy");
        String onWrite = unique("legacy");
        insertPlainRow(atStart, "old-plain-1");
        insertPlainRow(onWrite, "old-plain-2");
        assertThat(settings(passwords).credential(atStart).orElseThrow().password()).isEqualTo("old-plain-1");

        save(onWrite, "new-pw");
        assertThat(row(onWrite).get("password")).isNull();
        assertThat(settings(passwords).credential(onWrite).orElseThrow().password()).isEqualTo("new-pw");

        assertThat(migration.encryptPlainRows()).isGreaterThanOrEqualTo(1);
        assertThat(row(atStart).get("password")).isNull();
        assertThat((String) row(atStart).get("password_encrypted")).startsWith("v1:").doesNotContain("old-plain");
        assertThat(settings(passwords).credential(atStart).orElseThrow().password()).isEqualTo("old-plain-1");
        assertThat(migration.encryptPlainRows()).as("idempotent").isZero();
    }

    @Test
    void aWrongKeyAndAnAlteredValueAreClearErrors() throws Exception {
        String name = unique("enc");
        save(name, "s3cret");
        byte[] otherKey = new byte[32];
        otherKey[0] = 42;
        StoredPasswords wrong = new StoredPasswords(new CredentialCipher(otherKey, "berth.credentials.key"));

        assertThatThrownBy(() -> settings(wrong).credential(name))
                .isInstanceOf(UnreadableCredentialException.class)
                .hasMessageStartingWith("the password of registry credential \"" + name + "\" cannot be decrypted: "
                        + "it was encrypted with key " + passwords.cipher().keyId());

        String encrypted = (String) row(name).get("password_encrypted");
        int at = encrypted.lastIndexOf(':') + 1;
        byte[] raw = Base64.getDecoder().decode(encrypted.substring(at));
        raw[raw.length - 1] ^= 1;
        jdbc.update("update registry_credential set password_encrypted = ? where name = ?",
                encrypted.substring(0, at) + Base64.getEncoder().encodeToString(raw), name);
        assertThatThrownBy(() -> settings(passwords).credential(name))
                .isInstanceOf(UnreadableCredentialException.class)
                .hasMessageContaining("authentication tag does not match: the stored value was altered");
    }
}
