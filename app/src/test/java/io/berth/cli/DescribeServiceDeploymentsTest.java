package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code berth describe service}'s deployments section, as ECS's describe-services lists them. */
class DescribeServiceDeploymentsTest extends FakeServerTestBase {

    static final String SERVICE = """
            {"name":"web","cluster":"default","status":"ACTIVE","taskDefinition":"web:3","desiredCount":3,
             "runningCount":2,"pendingCount":1,"labels":{},"createdAt":"2026-11-22T10:00:00Z",
             "updatedAt":"2026-11-22T11:58:00Z","events":[
               {"createdAt":"2026-11-22T11:58:00Z","message":"(service web) updated to web:3"}],
             "rollout":{"id":"c3000000-0000-0000-0000-000000000003","taskDefinition":"web:3",
               "rolloutState":"IN_PROGRESS"}}""";

    static final String DEPLOYMENTS = """
            [{"id":"c3000000-0000-0000-0000-000000000003","taskDefinition":"web:3","status":"PRIMARY",
              "rolloutState":"IN_PROGRESS","trigger":"UPDATED","desiredCount":3,"runningCount":1,"pendingCount":1,
              "failedTasks":0,"createdAt":"2026-11-22T11:58:00Z","updatedAt":"2026-11-22T11:59:30Z"},
             {"id":"b2000000-0000-0000-0000-000000000002","taskDefinition":"web:2","status":"ACTIVE",
              "rolloutState":"COMPLETED","reason":"all 3 tasks healthy","trigger":"UPDATED","desiredCount":3,
              "runningCount":1,"pendingCount":0,"failedTasks":2,"createdAt":"2026-11-22T11:00:00Z",
              "updatedAt":"2026-11-22T11:10:00Z","finishedAt":"2026-11-22T11:10:00Z"},
             {"id":"a1000000-0000-0000-0000-000000000001","taskDefinition":"web:1","status":"INACTIVE",
              "rolloutState":"COMPLETED","reason":"all 3 tasks healthy","trigger":"CREATED","desiredCount":3,
              "runningCount":0,"pendingCount":0,"failedTasks":0,"createdAt":"2026-11-22T10:00:00Z",
              "updatedAt":"2026-11-22T10:05:00Z","finishedAt":"2026-11-22T10:05:00Z"}]""";

    @Test
    void describeServiceListsItsDeploymentsNewestFirstWithCountsAgesTriggerAndReason() {
        server.on("GET /v1/clusters/default/services/web", 200, SERVICE);
        server.on("GET /v1/clusters/default/services/web/deployments", 200, DEPLOYMENTS);
        server.on("GET /v1/clusters/default/tasks", 200, "[]");

        Cli.Result result = cli.run("describe", "service", "web");

        assertThat(result.exitCode()).isZero();
        String out = result.out();
        String deployments = out.substring(out.indexOf("Deployments:"), out.indexOf("Tasks:"));
        assertThat(deployments.lines()).containsExactly(
                "Deployments:",
                "  ID         TASK DEFINITION   STATUS     ROLLOUT       DESIRED   RUNNING   PENDING   FAILED   CREATED"
                        + "   UPDATED   TRIGGER   REASON",
                "  c3000000   web:3             PRIMARY    IN_PROGRESS   3         1         1         0        2m"
                        + "        30s       UPDATED   <none>",
                "  b2000000   web:2             ACTIVE     COMPLETED     3         1         0         2        60m"
                        + "       50m       UPDATED   all 3 tasks healthy",
                "  a1000000   web:1             INACTIVE   COMPLETED     3         0         0         0        120m"
                        + "      115m      CREATED   all 3 tasks healthy");
        // Between the service's fields and its tasks, as the README's example shows it.
        assertThat(out.indexOf("Updated:")).isLessThan(out.indexOf("Deployments:"));
    }

    @Test
    void olderInactiveDeploymentsAreLeftToRolloutHistory() {
        StringBuilder deployments = new StringBuilder("[{\"id\":\"f0000000-0000-0000-0000-000000000009\","
                + "\"taskDefinition\":\"web:9\",\"status\":\"PRIMARY\",\"rolloutState\":\"COMPLETED\"}");
        for (int revision = 8; revision >= 1; revision--) {
            deployments.append(",{\"id\":\"e000000").append(revision).append("-0000-0000-0000-000000000000\",")
                    .append("\"taskDefinition\":\"web:").append(revision).append("\",\"status\":\"INACTIVE\",")
                    .append("\"rolloutState\":\"COMPLETED\"}");
        }
        server.on("GET /v1/clusters/prod/services/web", 200, SERVICE.replace("\"default\"", "\"prod\""));
        server.on("GET /v1/clusters/prod/services/web/deployments", 200, deployments.append("]").toString());
        server.on("GET /v1/clusters/prod/tasks", 200, "[]");

        String out = cli.run("describe", "service", "web", "-c", "prod").out();

        String section = out.substring(out.indexOf("Deployments:"), out.indexOf("Tasks:"));
        assertThat(section).contains("web:9", "web:8", "web:7", "web:6").doesNotContain("web:5", "web:1 ");
        assertThat(section).endsWith("  (5 older INACTIVE deployments: berth rollout history web -c prod)\n");
    }

    @Test
    void aServiceWithoutDeploymentsSaysNone() {
        server.on("GET /v1/clusters/default/services/web", 200, SERVICE);
        server.on("GET /v1/clusters/default/services/web/deployments", 200, "[]");
        server.on("GET /v1/clusters/default/tasks", 200, "[]");

        String out = cli.run("describe", "service", "web").out();

        assertThat(out).contains("Deployments:\n  <none>\nTasks:\n  <none>\nEvents:\n");
    }
}
