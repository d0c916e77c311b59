package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class TrafficCommandsTest extends FakeServerTestBase {

    static final String TARGETS = """
            [{"target":{"taskId":"3f2a9c1e-5b7d-4c1a-9e0f-0123456789ab",
                        "instanceId":"9d8e7f6a-1111-2222-3333-444455556666","port":32768},
              "health":{"state":"healthy","reason":null,"description":"L7OK 2ms"}},
             {"target":{"taskId":"77aa0000-5b7d-4c1a-9e0f-0123456789ab",
                        "instanceId":"0a0b0c0d-1111-2222-3333-444455556666","port":32771},
              "health":{"state":"unhealthy","reason":"Target.FailedHealthChecks",
                        "description":"Health checks failed: L7STS 503"}}]
            """;

    static final String GROUP = """
            {"name":"web-tg","cluster":"default","protocol":"HTTP",
             "healthCheck":{"path":"/health","port":"traffic-port","interval":"5s","timeout":"2s",
                            "healthyThreshold":2,"unhealthyThreshold":2,"matcher":"200"},
             "deregistrationDelay":"30s","labels":{},"createdAt":"2026-11-22T11:00:00Z",
             "updatedAt":"2026-11-22T11:00:00Z"}
            """;

    static final String LOAD_BALANCER = """
            {"name":"edge","cluster":"default","placement":null,
             "listeners":[{"port":80,"protocol":"HTTP","defaultTargetGroup":"web-tg",
                           "rules":[{"pathPrefix":"/api","host":null,"targetGroup":"api-tg"}]},
                          {"port":5432,"protocol":"TCP","defaultTargetGroup":"db-tg","rules":[]}],
             "labels":{},"createdAt":"2026-11-21T12:00:00Z","updatedAt":"2026-11-21T12:00:00Z"}
            """;

    @Test
    void targetsAreATableOfTaskInstancePortStateAndReason() {
        server.on("GET /v1/clusters/default/target-groups/web-tg/targets", 200, TARGETS);

        Cli.Result result = cli.run("get", "targets", "web-tg");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                TARGET     INSTANCE   PORT    STATE       REASON
                3f2a9c1e   9d8e7f6a   32768   healthy     <none>
                77aa0000   0a0b0c0d   32771   unhealthy   Target.FailedHealthChecks
                """);
    }

    @Test
    void targetsTakeTheClusterOptionAndPrintTheApiAnswerAsJsonOrYaml() {
        server.on("GET /v1/clusters/prod/target-groups/web-tg/targets", 200, TARGETS);

        Cli.Result json = cli.run("get", "targets", "web-tg", "--cluster", "prod", "-o", "json");
        Cli.Result yaml = cli.run("-c", "prod", "get", "target", "web-tg", "-o", "yaml");

        assertThat(json.exitCode()).isZero();
        assertThat(Json.JSON.readTree(json.out())).isEqualTo(Json.JSON.readTree(TARGETS));
        assertThat(yaml.exitCode()).isZero();
        assertThat(Json.Yaml.MAPPER.readTree(yaml.out())).isEqualTo(Json.JSON.readTree(TARGETS));
        assertThat(server.requests.getLast().path()).isEqualTo("/v1/clusters/prod/target-groups/web-tg/targets");
    }

    @Test
    void aGroupWithoutTargetsSaysSoOnStderr() {
        server.on("GET /v1/clusters/default/target-groups/web-tg/targets", 200, "[]");

        Cli.Result result = cli.run("get", "targets", "web-tg");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("No targets found in target group \"web-tg\" of cluster \"default\".\n");
    }

    @Test
    void targetsWithoutAGroupIsAUsageErrorAndAnUnknownGroupPrintsTheApiMessage() {
        server.on("GET /v1/clusters/default/target-groups/nope/targets", 404,
                "{\"status\":404,\"message\":\"target group \\\"nope\\\" not found in cluster \\\"default\\\"\"}");

        Cli.Result missing = cli.run("get", "targets");
        Cli.Result unknown = cli.run("get", "targets", "nope");

        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("berth get targets GROUP");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("target group \"nope\" not found");
    }

    @Test
    void watchingTargetsPrintsATargetAgainWhenItsStateChanges() {
        String healthy = TARGETS.replace("\"unhealthy\"", "\"healthy\"")
                .replace("\"Target.FailedHealthChecks\"", "null");
        AtomicInteger polls = new AtomicInteger();
        server.on("GET /v1/clusters/default/target-groups/web-tg/targets", request -> new FakeBerth.Reply(200,
                polls.incrementAndGet() < 3 ? TARGETS : healthy));
        cli.interruptAfter = 3;

        Cli.Result result = cli.run("get", "targets", "web-tg", "-w");

        assertThat(result.out()).isEqualTo("""
                TARGET     INSTANCE   PORT    STATE       REASON
                3f2a9c1e   9d8e7f6a   32768   healthy     <none>
                77aa0000   0a0b0c0d   32771   unhealthy   Target.FailedHealthChecks
                77aa0000   0a0b0c0d   32771   healthy     <none>
                """);
    }

    @Test
    void targetGroupsListProtocolHealthCheckAndDeregistrationDelay() {
        server.on("GET /v1/clusters/default/target-groups", 200, "[" + GROUP + "]");

        Cli.Result result = cli.run("get", "tg");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                NAME     PROTOCOL   HEALTH CHECK                        DEREGISTRATION DELAY   AGE
                web-tg   HTTP       GET /health:traffic-port every 5s   30s                    60m
                """);
    }

    @Test
    void loadBalancersListListenersAndTheGroupsTheySendTo() {
        server.on("GET /v1/clusters/default/load-balancers", 200, "[" + LOAD_BALANCER + "]");
        server.on("GET /v1/clusters/default/load-balancers/edge", 200, LOAD_BALANCER);

        Cli.Result all = cli.run("get", "load-balancers");
        Cli.Result one = cli.run("get", "lb", "edge", "-o", "json");

        assertThat(all.exitCode()).isZero();
        assertThat(all.out()).isEqualTo("""
                NAME   LISTENERS          TARGET GROUPS         PLACEMENT        AGE
                edge   80/HTTP,5432/TCP   web-tg,api-tg,db-tg   every instance   24h
                """);
        assertThat(Json.JSON.readTree(one.out())).isEqualTo(Json.JSON.readTree(LOAD_BALANCER));
    }

    @Test
    void describeTargetGroupShowsItsTargetsAndTheirHealth() {
        server.on("GET /v1/clusters/default/target-groups/web-tg", 200, GROUP);
        server.on("GET /v1/clusters/default/target-groups/web-tg/targets", 200, TARGETS);

        Cli.Result result = cli.run("describe", "target-group", "web-tg");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Health Check:").contains("GET /health:traffic-port every 5s")
                .contains("Targets:")
                .contains("3f2a9c1e-5b7d-4c1a-9e0f-0123456789ab")
                .contains("Target.FailedHealthChecks   Health checks failed: L7STS 503");
    }
}
