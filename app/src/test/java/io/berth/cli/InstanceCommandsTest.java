package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code berth get instances} and {@code berth describe instance}: resources, ports included. */
class InstanceCommandsTest extends FakeServerTestBase {

    static final String INSTANCES = """
            [{"id":"9d8e7f6a-1111-2222-3333-444455556666","endpoint":"tcp://198.18.0.11:2376","hostname":"h1",
              "engineId":"E1","status":"ACTIVE","connected":true,"lastSeen":"2026-11-22T11:59:55Z",
              "registered":{"cpu":2048,"memory":4096,"ports":["22","2375","2376"],"udpPorts":[]},
              "remaining":{"cpu":1536,"memory":3584,"ports":["22","80","2375","2376","8080"],"udpPorts":["53"]},
              "attributes":{"zone":"a"},"tls":true,"insecure":false},
             {"id":"1a2b3c4d-1111-2222-3333-444455556666","endpoint":"tcp://198.18.0.12:2376","hostname":"h2",
              "engineId":"E2","status":"DRAINING","connected":true,"lastSeen":"2026-11-22T11:59:50Z",
              "registered":{"cpu":2048,"memory":4096,"ports":["22","2375","2376"],"udpPorts":[]},
              "remaining":{"cpu":2048,"memory":4096,"ports":["22","2375","2376"],"udpPorts":[]},
              "attributes":{},"tls":true,"insecure":false}]
            """;

    @Test
    void getInstancesShowsThePortsTasksHoldNotTheReservedOnes() {
        server.on("GET /v1/clusters/default/container-instances", 200, INSTANCES);

        Cli.Result result = cli.run("get", "instances");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                ID         HOSTNAME   ENDPOINT                 STATUS     CONNECTED   CPU FREE    MEMORY FREE     TASK PORTS               LAST SEEN
                9d8e7f6a   h1         tcp://198.18.0.11:2376   ACTIVE     true        1536/2048   3584/4096 MiB   80/tcp,8080/tcp,53/udp   5s
                1a2b3c4d   h2         tcp://198.18.0.12:2376   DRAINING   true        2048/2048   4096/4096 MiB   <none>                   10s
                """);
    }

    @Test
    void describeInstanceShowsReservedAndTaskPorts() {
        server.on("GET /v1/clusters/default/container-instances", 200, INSTANCES);
        server.on("GET /v1/clusters/default/tasks", 200, "[]");

        String h1 = cli.run("describe", "instance", "h1").out();
        String h2 = cli.run("describe", "instance", "1a2b").out();

        assertThat(h1).contains("CPU:              1536 units free of 2048 units\n",
                "Reserved Ports:   22/tcp, 2375/tcp, 2376/tcp\n",
                "Task Ports:       80/tcp, 8080/tcp, 53/udp\n");
        assertThat(h2).contains("Task Ports:       <none>\n");
    }

    @Test
    void anOlderServerWithoutPortsShowsNone() {
        server.on("GET /v1/clusters/default/container-instances", 200, """
                [{"id":"9d8e7f6a-1111-2222-3333-444455556666","endpoint":"unix:///var/run/docker.sock",
                  "status":"ACTIVE","connected":true,"registered":{"cpu":1024,"memory":512},
                  "remaining":{"cpu":1024,"memory":512},"attributes":{}}]""");
        server.on("GET /v1/clusters/default/tasks", 200, "[]");

        assertThat(cli.run("describe", "instance", "9d8e").out()).contains("Reserved Ports:   <none>\n",
                "Task Ports:       <none>\n");
    }
}
