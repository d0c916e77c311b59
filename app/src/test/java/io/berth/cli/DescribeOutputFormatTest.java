package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code berth describe ... -o json|yaml}: the API's objects the description is made of, for scripts. */
class DescribeOutputFormatTest extends FakeServerTestBase {

    @Test
    void aServiceAsJsonIsTheServiceWithItsDeploymentsAndEvents() {
        serveServiceWeb();

        Cli.Result result = cli.run("describe", "service", "web", "-o", "json");

        assertThat(result.exitCode()).isZero();
        JsonNode service = Json.JSON.readTree(result.out());
        assertThat(service.path("name").asString()).isEqualTo("web");
        assertThat(service.path("runningCount").asInt()).isEqualTo(2);
        assertThat(service.path("events").get(0).path("message").asString())
                .isEqualTo("(service web) updated to web:3");
        assertThat(service.path("deployments")).hasSize(3);
        assertThat(service.path("deployments").get(0).path("id").asString())
                .isEqualTo("c3000000-0000-0000-0000-000000000003");
        assertThat(service.path("deployments").get(1).path("reason").asString()).isEqualTo("all 3 tasks healthy");
        // No text: nothing but the document, and no task list fetched for it.
        assertThat(server.requests).noneMatch(r -> r.path().endsWith("/tasks"));
    }

    @Test
    void aServiceAsYamlIsTheSameDocument() {
        serveServiceWeb();

        Cli.Result result = cli.run("describe", "svc", "web", "-o", "yaml");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("name: web\n").contains("\ndeployments:\n- id: c3000000-")
                .contains("\nevents:\n- createdAt:").doesNotContain("Deployments:");
    }

    @Test
    void aTaskAnInstanceAndATaskDefinitionArePrintedAsTheApiAnswersThem() {
        server.on("GET /v1/clusters/default/tasks", 200, GetCommandTest.TASKS);
        server.on("GET /v1/clusters/default/container-instances", 200, InstanceCommandsTest.INSTANCES);
        server.on("GET /v1/task-definitions/web:2", 200, """
                {"family":"web","revision":2,"status":"ACTIVE","createdAt":"2026-11-22T11:00:00Z",
                 "spec":{"containers":[{"name":"httpd","image":"busybox:1.36","memory":64}]}}""");

        JsonNode task = Json.JSON.readTree(cli.run("describe", "task", "3f2a", "-o", "json").out());
        String instance = cli.run("describe", "instance", "h1", "-o", "yaml").out();
        JsonNode definition = Json.JSON.readTree(cli.run("describe", "td", "web:2", "--output", "JSON").out());

        assertThat(task.path("id").asString()).isEqualTo("3f2a9c1e-5b7d-4c1a-9e0f-0123456789ab");
        assertThat(task.path("containers").get(0).path("dockerId").asString()).isEqualTo("abcdef0123456789");
        assertThat(instance).startsWith("id: 9d8e7f6a-1111-2222-3333-444455556666\n")
                .contains("hostname: h1\n").doesNotContain("Reserved Ports");
        assertThat(definition.path("spec").path("containers").get(0).path("image").asString())
                .isEqualTo("busybox:1.36");
    }

    private void serveServiceWeb() {
        server.on("GET /v1/clusters/default/services/web", 200, DescribeServiceDeploymentsTest.SERVICE);
        server.on("GET /v1/clusters/default/services/web/deployments", 200,
                DescribeServiceDeploymentsTest.DEPLOYMENTS);
    }

    @Test
    void anUnknownFormatIsAUsageErrorNamingTheChoices() {
        Cli.Result result = cli.run("describe", "service", "web", "-o", "xml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--output", "xml", "text, json, yaml");
        assertThat(server.requests).isEmpty();
    }
}
