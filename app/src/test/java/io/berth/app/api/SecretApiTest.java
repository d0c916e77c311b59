package io.berth.app.api;

import io.berth.db.crypto.StoredPasswords;
import io.berth.db.crypto.StoredSecrets;
import io.berth.db.repository.RegistryCredentialRepository;
import io.berth.db.repository.SecretRepository;
import io.berth.reconciler.model.SecretFile;
import io.berth.reconciler.policy.SecretValues;
import io.berth.reconciler.store.jpa.JpaClusterSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Secrets and configs through apply and the API, on the real PostgreSQL: values stored encrypted (the column does not
 * contain them), read back decrypted by the launcher's settings, never shown by the API; versions bump only on a
 * change; references of task definitions checked at apply, naming the field; delete refused while in use.
 */
class SecretApiTest extends ApiTestSupport {

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private SecretRepository secrets;
    @Autowired
    private RegistryCredentialRepository credentials;
    @Autowired
    private StoredPasswords passwords;
    @Autowired
    private StoredSecrets sealed;
    @Autowired
    private io.berth.app.security.CredentialKeyRotation rotation;

    private static String secret(String name, String password) {
        return """
                apiVersion: berth/v1
                kind: Secret
                metadata: {name: %s}
                stringData: {password: "%s"}
                data: {user: %s}
                """.formatted(name, password, Base64.getEncoder().encodeToString("app-user".getBytes()));
    }

    private static String usingTaskDefinition(String family, String valueFrom) {
        return """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %s}
                spec:
                  containers:
                    - name: app
                      image: busybox:1.36
                      memory: 32
                      environment: {DB_PASSWORD_FILE: /run/db, API_TOKEN: "tok-plain-visible"}
                      secrets: [{name: DB_PASSWORD, valueFrom: "%s"}]
                """.formatted(family, valueFrom);
    }

    @Test
    void valuesAreStoredEncryptedReadBackAtLaunchAndNeverShown() throws Exception {
        String name = unique("db");
        applyYaml(secret(name, "hunter2-at-rest")).andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].kind").value("Secret"))
                .andExpect(jsonPath("$.documents[0].result").value("created"))
                .andExpect(jsonPath("$.documents[0].revision").value(1));

        Map<String, Object> row = jdbc.queryForMap("select key_names, data, version from secret where kind = 'SECRET' "
                + "and name = ?", name);
        assertThat((String) row.get("data")).startsWith("v1:" + passwords.cipher().keyId() + ":")
                .doesNotContain("hunter2").doesNotContain("app-user");
        assertThat((String) row.get("key_names")).isEqualTo("[\"password\",\"user\"]");

        SecretValues values = new JpaClusterSettings(clusters, credentials, passwords, secrets, sealed)
                .secretValues(SecretFile.Source.SECRET, name).orElseThrow();
        assertThat(values.values()).containsEntry("password", "hunter2-at-rest").containsEntry("user", "app-user");
        assertThat(values.version()).isEqualTo(1);
        assertThat(values.toString()).doesNotContain("hunter2");

        String shown = mvc.perform(get("/v1/secrets/" + name).header("Authorization", BEARER))
                .andExpect(status().isOk()).andExpect(jsonPath("$.keys[0]").value("password"))
                .andExpect(jsonPath("$.version").value(1)).andExpect(jsonPath("$.data").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        String listed = mvc.perform(get("/v1/secrets?limit=1000").header("Authorization", BEARER))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(shown + listed).contains(name).doesNotContain("hunter2").doesNotContain("app-user");
    }

    @Test
    void theVersionGoesUpOnlyWhenTheValuesChange() throws Exception {
        String name = unique("db");
        applyYaml(secret(name, "one")).andExpect(status().isOk());
        applyYaml(secret(name, "one")).andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].result").value("unchanged"))
                .andExpect(jsonPath("$.documents[0].revision").value(1));
        applyYaml(secret(name, "two")).andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].result").value("configured"))
                .andExpect(jsonPath("$.documents[0].revision").value(2));
        applyYaml(secret(name, "two")).andExpect(jsonPath("$.documents[0].revision").value(2));
        assertThat(secrets.findAll().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow()
                .getVersion()).isEqualTo(2);
    }

    @Test
    void aConfigShowsItsValues() throws Exception {
        String name = unique("conf");
        applyYaml("""
                apiVersion: berth/v1
                kind: Config
                metadata: {name: %s}
                stringData: {app.yaml: "level: debug"}
                """.formatted(name)).andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].kind").value("Config"));
        mvc.perform(get("/v1/configs/" + name).header("Authorization", BEARER)).andExpect(status().isOk())
                .andExpect(jsonPath("$.data['app.yaml']").value("level: debug"));
        assertThat(jdbc.queryForObject("select data from secret where kind = 'CONFIG' and name = ?", String.class, name))
                .contains("level: debug");
    }

    @Test
    void referencesAreCheckedAtApplyNamingTheField() throws Exception {
        String name = unique("db");
        applyYaml(secret(name, "pw")).andExpect(status().isOk());
        applyYaml(usingTaskDefinition(unique("td"), "no-such-secret:password"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("documents[0].spec.containers[0].secrets[0].valueFrom"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString(
                        "secret \"no-such-secret\" does not exist")));
        applyYaml(usingTaskDefinition(unique("td"), name + ":nokey"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("has no key \"nokey\"")));
        applyYaml(usingTaskDefinition(unique("td"), "arn:aws:secretsmanager:eu-west-1:1:secret:db"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("documents[0].spec.containers[0].secrets[0].valueFrom"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("kind: Secret")));
        // The secret in the same request counts.
        String other = unique("db");
        String family = unique("td");
        applyYaml(documents(usingTaskDefinition(family, other + ":password"), secret(other, "pw")))
                .andExpect(status().isOk());
        // The revision shows where its secrets come from, and masks plain values whose names look secret.
        mvc.perform(get("/v1/task-definitions/" + family + ":1").header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.spec.containers[0].secrets[0].valueFrom").value(other + ":password"))
                .andExpect(jsonPath("$.spec.containers[0].environment.API_TOKEN").value(EnvRedaction.MASK))
                .andExpect(jsonPath("$.spec.containers[0].environment.DB_PASSWORD_FILE").value(EnvRedaction.MASK));
    }

    @Test
    void aSecretInUseCannotBeDeletedAndAnUnusedOneCan() throws Exception {
        String name = unique("db");
        String family = unique("td");
        String svc = unique("svc");
        applyYaml(documents(secret(name, "pw"), usingTaskDefinition(family, name + ":password"),
                service(svc, family, 0))).andExpect(status().isOk());
        mvc.perform(delete("/v1/secrets/" + name).header("Authorization", BEARER))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString(family + ":1")))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString(CLUSTER + "/" + svc)));
        String unused = unique("db");
        applyYaml(secret(unused, "pw")).andExpect(status().isOk());
        mvc.perform(delete("/v1/secrets/" + unused).header("Authorization", BEARER)).andExpect(status().isNoContent());
        mvc.perform(get("/v1/secrets/" + unused).header("Authorization", BEARER)).andExpect(status().isNotFound());
    }

    @Test
    void aKeyInUseCannotBeDroppedButAnUnusedKeyCan() throws Exception {
        String name = unique("db");
        String family = unique("td");
        applyYaml(documents(secret(name, "pw"), usingTaskDefinition(family, name + ":password"),
                service(unique("svc"), family, 0))).andExpect(status().isOk());
        String onlyUser = """
                apiVersion: berth/v1
                kind: Secret
                metadata: {name: %s}
                stringData: {user: app-user}
                """.formatted(name);
        applyYaml(onlyUser)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("documents[0]"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("drops key password"),
                        org.hamcrest.Matchers.containsString(family + ":1"))));
        mvc.perform(get("/v1/secrets/" + name).header("Authorization", BEARER))
                .andExpect(jsonPath("$.version").value(1)).andExpect(jsonPath("$.keys.length()").value(2));
        String onlyPassword = """
                apiVersion: berth/v1
                kind: Secret
                metadata: {name: %s}
                stringData: {password: pw2}
                """.formatted(name);
        applyYaml(onlyPassword).andExpect(status().isOk());
        mvc.perform(get("/v1/secrets/" + name).header("Authorization", BEARER))
                .andExpect(jsonPath("$.version").value(2)).andExpect(jsonPath("$.keys[0]").value("password"))
                .andExpect(jsonPath("$.keys.length()").value(1));
    }

    @Test
    void rotationReEncryptsWhatTheOldKeySealedAndKeepsTheVersion() throws Exception {
        byte[] oldKey = new byte[32];
        new java.security.SecureRandom().nextBytes(oldKey);
        io.berth.db.crypto.CredentialCipher old = new io.berth.db.crypto.CredentialCipher(oldKey, "test old key");
        String name = unique("db");
        applyYaml(secret(name, "before-rotation")).andExpect(status().isOk());
        // As a Berth running with the old key stored it.
        jdbc.update("update secret set data = ? where kind = 'SECRET' and name = ?",
                new StoredSecrets(old).seal(name, "{\"password\":\"rotated-pw\",\"user\":\"app-user\"}"), name);
        JpaClusterSettings settings = new JpaClusterSettings(clusters, credentials, passwords, secrets, sealed);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings.secretValues(SecretFile.Source.SECRET, name))
                .hasMessageContaining("encrypted with key " + old.keyId()).hasMessageNotContaining("rotated-pw");

        assertThat(rotation.rotate(old)).isGreaterThanOrEqualTo(1);
        assertThat(rotation.rotate(old)).as("idempotent").isZero();

        assertThat(jdbc.queryForObject("select data from secret where kind = 'SECRET' and name = ?", String.class, name))
                .startsWith("v1:" + passwords.cipher().keyId() + ":");
        SecretValues values = settings.secretValues(SecretFile.Source.SECRET, name).orElseThrow();
        assertThat(values.values()).containsEntry("password", "rotated-pw");
        assertThat(values.version()).isEqualTo(1);
    }
}
