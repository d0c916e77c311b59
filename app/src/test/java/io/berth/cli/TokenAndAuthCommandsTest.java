package io.berth.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** berth token create|list|revoke and berth auth whoami|can-i against a fake server. */
class TokenAndAuthCommandsTest extends FakeServerTestBase {

    @Test
    void createPrintsOnlyTheSecretOnStdoutAndSendsRoleClustersAndExpiry() {
        server.on("POST /v1/tokens", 201, """
                {"token":{"name":"ci","role":"deployer","clusters":["prod","staging"]},"secret":"berth_s3cret"}""");

        Cli.Result result = cli.run("token", "create", "ci", "--role", "deployer", "--clusters", "prod,staging",
                "--expires-in", "90d");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().strip()).isEqualTo("berth_s3cret");
        assertThat(result.err()).contains("token/ci created (role deployer, clusters prod,staging)");
        assertThat(server.last("POST").body()).contains("\"name\":\"ci\"", "\"role\":\"deployer\"",
                "\"clusters\":[\"prod\",\"staging\"]", "\"expiresIn\":\"90d\"");
    }

    @Test
    void listShowsScopeExpiryAndLastUseAndRevokeDeletes() {
        server.on("GET /v1/tokens", 200, """
                [{"name":"ci","role":"deployer","clusters":["prod"],"createdAt":"2026-12-01T10:00:00Z","expiresAt":null,"lastUsedAt":"2026-12-07T09:00:00Z"},
                 {"name":"ops","role":"admin","clusters":[],"createdAt":"2026-12-01T10:00:00Z","expiresAt":"2027-01-01T00:00:00Z","lastUsedAt":null}]""");
        server.on("DELETE /v1/tokens/ci", 204, "");

        Cli.Result list = cli.run("token", "list");
        Cli.Result revoke = cli.run("token", "revoke", "ci");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("NAME", "LAST USED").containsPattern("ci +deployer +prod .*never +2026-12-07T09:00:00Z")
                .containsPattern("ops +admin +\\* .*2027-01-01T00:00:00Z +never");
        assertThat(revoke.exitCode()).as(revoke.err()).isZero();
        assertThat(revoke.out()).contains("token/ci revoked");
        assertThat(server.last("DELETE").path()).isEqualTo("/v1/tokens/ci");
    }

    @Test
    void canIAnswersYesOrNoWithTheServersReasonAndExitCode() {
        server.on("GET /v1/auth/can-i", request -> new FakeBerth.Reply(200, request.query().contains("verb=delete")
                ? "{\"allowed\":false,\"message\":\"token 'ci' (role deployer, clusters [prod]) may not delete services in cluster 'prod'\"}"
                : "{\"allowed\":true}"));

        Cli.Result no = cli.run("auth", "can-i", "delete", "services", "-c", "prod");
        Cli.Result yes = cli.run("auth", "can-i", "update", "services", "-c", "prod");

        assertThat(no.exitCode()).isEqualTo(1);
        assertThat(no.out()).contains("no: token 'ci' (role deployer, clusters [prod]) may not delete services in cluster 'prod'");
        assertThat(server.last("GET").query()).isEqualTo("verb=update&resource=services&cluster=prod");
        assertThat(yes.exitCode()).isZero();
        assertThat(yes.out().strip()).isEqualTo("yes");
    }

    @Test
    void whoamiShowsRolesClustersAndRules() {
        server.on("GET /v1/auth/whoami", 200, """
                {"name":"ci","source":"TOKEN","roles":["deployer"],"clusters":["prod"],
                 "rules":[{"verbs":["get","list","watch"],"resources":["services","tasks"],"clusters":[]}]}""");

        Cli.Result result = cli.run("auth", "whoami");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("name:     ci (TOKEN)", "roles:    deployer", "clusters: prod")
                .containsPattern("get,list,watch +services,tasks +\\*");
    }
}
