package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code get}, {@code describe} and {@code delete} of secrets and configs: names, keys and versions, never a secret's value. */
class SecretCommandsTest extends FakeServerTestBase {

    static final String SECRETS = """
            [{"name":"db-credentials","keys":["password","user"],"version":3,
              "createdAt":"2026-11-22T11:00:00Z","updatedAt":"2026-11-22T11:30:00Z"}]
            """;

    static final String CONFIG = """
            {"name":"app-config","keys":["app.yaml"],"version":1,
             "createdAt":"2026-11-22T11:00:00Z","updatedAt":"2026-11-22T11:00:00Z",
             "data":{"app.yaml":"listen: 8080\\nlog: info"}}
            """;

    @Test
    void secretsAreATableOfNamesKeysAndVersions() {
        server.on("GET /v1/secrets", 200, SECRETS);

        Cli.Result result = cli.run("get", "secrets", "-c", "prod");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("NAME             KEYS            VERSION   UPDATED   AGE\n")
                .contains("db-credentials   password,user   3 ");
        assertThat(server.requests.getLast().path()).as("secrets are global: no cluster in the path")
                .isEqualTo("/v1/secrets");
    }

    @Test
    void noSecretsSaysSoWithoutNamingACluster() {
        server.on("GET /v1/configs", 200, "[]");

        Cli.Result result = cli.run("get", "configs");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEqualTo("No configs found.\n");
    }

    @Test
    void describeOfAConfigShowsItsValuesAndOfASecretOnlyItsKeys() {
        server.on("GET /v1/configs/app-config", 200, CONFIG);
        server.on("GET /v1/secrets/db-credentials", 200, SECRETS.strip().substring(1, SECRETS.strip().length() - 1));

        Cli.Result config = cli.run("describe", "config", "app-config");
        Cli.Result secret = cli.run("describe", "secret", "db-credentials");

        assertThat(config.exitCode()).isZero();
        assertThat(config.out()).contains("Version:").contains("Keys:").contains("app.yaml")
                .contains("Data app.yaml:\n  listen: 8080\n  log: info\n");
        assertThat(secret.exitCode()).isZero();
        assertThat(secret.out()).contains("password, user").doesNotContain("Data");
    }

    @Test
    void deleteOfASecretCallsItsEndpointAndPrintsTheConflictOfOneInUse() {
        server.on("DELETE /v1/secrets/old-key", 204, "");
        server.on("DELETE /v1/configs/used", 409, """
                {"status":409,"message":"config used is referenced by task definitions in use: web:3"}
                """);

        Cli.Result deleted = cli.run("delete", "secret", "old-key");
        Cli.Result refused = cli.run("delete", "config", "used");

        assertThat(deleted.exitCode()).isZero();
        assertThat(deleted.out()).isEqualTo("secret/old-key deleted\n");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("web:3");
    }
}
