package io.berth.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** berth audit against a fake server. */
class AuditCommandTest extends FakeServerTestBase {

    @Test
    void listsTheTrailWithTheFiltersGiven() {
        server.on("GET /v1/audit", 200, """
                [{"id":"1","time":"2026-11-22T11:59:00Z","requestId":"r-2","user":"admin","userSource":"ADMIN_TOKEN",
                  "verb":"POST","resource":"/v1/apply","kind":"apply","documents":["TaskDefinition/web","Service/prod/web"],
                  "bodySha256":"ab","sourceAddress":"10.0.0.7","status":200},
                 {"id":"2","time":"2026-11-22T11:58:00Z","requestId":"r-1","user":"anonymous","verb":"DELETE",
                  "resource":"/v1/clusters/{cluster}/services/{name}","kind":"services","cluster":"prod","name":"web",
                  "sourceAddress":"10.0.0.8","status":401}]""");

        Cli.Result result = cli.run("audit", "--since", "1h", "--who", "admin", "--resource", "services", "-c", "prod");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.last("GET").query()).contains("since=1h", "who=admin", "resource=services", "cluster=prod",
                "limit=100");
        assertThat(result.out()).contains("TIME", "USER", "VERB", "STATUS")
                .containsPattern("admin\\s+POST\\s+apply\\s+<none>\\s+TaskDefinition/web,Service/prod/web\\s+200\\s+10.0.0.7\\s+r-2")
                .containsPattern("anonymous\\s+DELETE\\s+services\\s+prod\\s+web\\s+401");
    }

    @Test
    void withoutAClusterEveryClusterIsAsked() {
        server.on("GET /v1/audit", 200, "[]");

        Cli.Result result = cli.run("audit");

        assertThat(result.exitCode()).isZero();
        assertThat(server.last("GET").query()).isEqualTo("limit=100");
        assertThat(result.err()).contains("No audit events found.");
    }
}
