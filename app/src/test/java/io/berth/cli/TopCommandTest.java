package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopCommandTest extends FakeServerTestBase {

    @Test
    void topServicePrintsTheServiceFiguresAndEachTask() {
        server.on("GET /v1/clusters/default/services/web/metrics", 200, """
                {"name":"web","cluster":"default","desiredCount":3,"cpuUtilization":91.3,"memoryUtilization":40.0,
                 "sampledTasks":2,"samples":12,"window":"1m","tasks":[
                 {"taskId":"aaaaaaaa-0000-0000-0000-000000000000","cpuUtilization":120.5,"memoryUtilization":50.0,
                  "memoryBytes":67108864,"samples":6},
                 {"taskId":"bbbbbbbb-0000-0000-0000-000000000000","memoryUtilization":30.0,
                  "memoryBytes":41943040,"samples":1}]}
                """);

        Cli.Result r = cli.run("top", "service", "web");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("""
                SERVICE web   CPU 91.3%   MEMORY 40.0%   TASKS 2/3   WINDOW 1m
                TASK                                   CPU      MEMORY   MEM USED   SAMPLES
                aaaaaaaa-0000-0000-0000-000000000000   120.5%   50.0%    64Mi       6
                bbbbbbbb-0000-0000-0000-000000000000   <none>   30.0%    40Mi       1
                """);
    }

    @Test
    void topTasksListsTheClustersSampledTasks() {
        server.on("GET /v1/clusters/default/task-metrics", 200, """
                [{"taskId":"aaaaaaaa-0000-0000-0000-000000000000","service":"web","cpuUtilization":12.0,
                  "memoryUtilization":5.5,"memoryBytes":1048576,"samples":3}]
                """);

        Cli.Result r = cli.run("top", "tasks");

        assertThat(r.out()).isEqualTo("""
                TASK                                   SERVICE   CPU     MEMORY   MEM USED   SAMPLES
                aaaaaaaa-0000-0000-0000-000000000000   web       12.0%   5.5%     1Mi        3
                """);
    }

    @Test
    void anUnknownWhatIsAUsageError() {
        Cli.Result r = cli.run("top", "pods");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("service or tasks");
    }
}
