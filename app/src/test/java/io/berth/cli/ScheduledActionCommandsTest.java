package io.berth.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** berth get scheduled-actions: a cluster's or one service's scheduled scaling actions as a table. */
class ScheduledActionCommandsTest extends FakeServerTestBase {

    static final String NIGHT = """
            {"service":"web","name":"scaledown-after-hours","schedule":"0 19 * * MON-FRI","timezone":"Europe/Berlin",
             "minCount":0,"maxCount":0,"lastFiredAt":"2026-11-22T11:00:00Z","nextFiringAt":"2026-11-22T13:00:00Z",
             "inForce":"0..0"}
            """;
    static final String CAP = """
            {"service":"web","name":"cap","schedule":"rate(30 seconds)","timezone":"UTC","minCount":null,
             "maxCount":3,"lastFiredAt":null,"nextFiringAt":"2026-11-22T12:00:30Z","inForce":"0..0"}
            """;

    @Test
    void aClustersActionsWithLastAndNextFiring() {
        server.on("GET /v1/clusters/default/scheduled-actions", 200, "[" + NIGHT + "," + CAP + "]");

        Cli.Result result = cli.run("get", "scheduled-actions");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("""
                SERVICE   NAME                    SCHEDULE                           MIN   MAX   LAST FIRED   NEXT     IN FORCE
                web       scaledown-after-hours   0 19 * * MON-FRI (Europe/Berlin)   0     0     60m ago      in 60m   0..0
                web       cap                     rate(30 seconds)                   -     3     <none>       in 30s   0..0
                """);
    }

    @Test
    void oneServicesActionsAndOneActionByName() {
        server.on("GET /v1/clusters/prod/services/web/scheduled-actions", 200, "[" + NIGHT + "," + CAP + "]");

        Cli.Result result = cli.run("-c", "prod", "get", "sa", "cap", "--service", "web", "-o", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Json.JSON.readTree(result.out())).isEqualTo(Json.JSON.readTree("[" + CAP + "]"));
    }

    @Test
    void otherTaskFiltersAreRefused() {
        Cli.Result result = cli.run("get", "scheduled-actions", "--status", "running");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("apply to tasks only");
    }
}
