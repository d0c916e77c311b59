package io.berth.app.e2e;

import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backbone as a user meets it, on the real Docker engine and a real PostgreSQL: apply → running →
 * docker kill → replaced → SIGKILL Berth and start it again → the same containers adopted, no duplicates →
 * delete → nothing left.
 */
@Tag("docker")
class BackboneEndToEndIT {

    private static DockerEngine docker;
    private static BerthProcess berth;

    @BeforeAll
    static void start() {
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        // A short resync so that "nothing changes across several resyncs" is quick to observe.
        berth = new BerthProcess("backbone", List.of("--berth.reconciler.resync-interval=1s",
                "--berth.reconciler.stop-timeout=2s"), "backbone");
        berth.start();
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            berth.close();
        }
        if (docker != null) {
            E2eContainers.removeManaged(docker, "berth.service", "e2e-");
            docker.close();
        }
    }

    private static String manifest(String name, int count) {
        return """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %1$s}
                spec:
                  containers:
                    - name: httpd
                      image: busybox:1.36
                      command: [httpd, -f, -p, "8080", -h, /www]
                      cpu: 32
                      memory: 32
                      essential: true
                      portMappings: [{containerPort: 8080, hostPort: 0}]
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %1$s, cluster: default}
                spec:
                  taskDefinition: %1$s
                  desiredCount: %2$d
                """.formatted(name, count);
    }

    private record CliRun(int exit, String out, String err) {
    }

    private static CliRun cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        io.berth.cli.CliContext context = new io.berth.cli.CliContext(Map.of(), java.nio.file.Path.of("target"),
                java.io.InputStream.nullInputStream(), new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                false, Duration.ofMillis(200), Duration.ofSeconds(2), java.time.Instant::now, d -> Thread.sleep(d));
        List<String> all = new java.util.ArrayList<>(List.of("--server", berth.url(), "--token", BerthProcess.TOKEN));
        all.addAll(List.of(args));
        int exit = io.berth.cli.BerthCli.run(all.toArray(String[]::new), context);
        return new CliRun(exit, out.toString(), err.toString());
    }

    private static List<ContainerState> running(String service) {
        return docker.list(Map.of("berth.service", service)).stream().filter(ContainerState::running).toList();
    }

    private static Set<String> runningIds(String service) {
        return running(service).stream().map(ContainerState::id).collect(Collectors.toSet());
    }

    private static void apply(String body) {
        HttpResponse<String> r = berth.send("POST", "/v1/apply", "application/yaml", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static void awaitConverged(String service, int count) {
        Await.until(Duration.ofSeconds(60), count + " running tasks of " + service + " (log " + berth.log() + ")", () -> {
            JsonNode s = berth.getJson("/v1/clusters/default/services/" + service);
            return s.get("runningCount").asInt() == count && running(service).size() == count;
        });
    }

    @Test
    void applyKillRestartAdoptDelete() {
        String name = "e2e-web-" + UUID.randomUUID().toString().substring(0, 6);
        apply(manifest(name, 3));
        awaitConverged(name, 3);
        List<ContainerState> containers = running(name);
        assertThat(containers).allSatisfy(c -> assertThat(c.ports()).isNotEmpty()
                .allSatisfy(p -> assertThat(p.hostPort()).isPositive()));

        // docker kill → a replacement, started by the die event
        ContainerState victim = containers.getFirst();
        docker.stop(victim.id(), Duration.ZERO);
        Await.until(Duration.ofSeconds(10), "replacement of " + victim.id(), () -> {
            Set<String> ids = runningIds(name);
            return ids.size() == 3 && !ids.contains(victim.id());
        });
        JsonNode stopped = berth.getJson("/v1/clusters/default/tasks?service=" + name + "&status=STOPPED");
        assertThat(stopped.toString()).contains("Essential container in task exited");

        // SIGKILL Berth, start it again: the same containers are adopted
        Set<String> before = runningIds(name);
        berth.kill();
        berth.start();
        awaitConverged(name, 3);
        // Several resyncs (1 s each) pass: still exactly the same three containers, never a fourth.
        Await.holdsFor(Duration.ofSeconds(4), "the adopted containers are exactly the three from before",
                () -> runningIds(name).equals(before));
        JsonNode tasks = berth.getJson("/v1/clusters/default/tasks?service=" + name + "&status=RUNNING");
        assertThat(tasks.size()).isEqualTo(3);

        // the CLI against the real server
        CliRun get = cli("get", "services");
        assertThat(get.exit()).as(get.err()).isZero();
        assertThat(get.out()).contains(name).contains("NAME").contains("RUNNING");
        CliRun describe = cli("describe", "service", name);
        assertThat(describe.exit()).as(describe.err()).isZero();
        assertThat(describe.out()).contains("has started 3 tasks");

        // delete → every container of it removed
        HttpResponse<String> r = berth.send("DELETE", "/v1/clusters/default/services/" + name + "?wait=true&timeout=60s", null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(docker.list(Map.of("berth.service", name))).isEmpty();
    }

    @Test
    void rollingUpdateStartsNewTasksFirstAndNeverDropsBelowDesired() {
        String name = "e2e-roll-" + UUID.randomUUID().toString().substring(0, 6);
        apply(manifest(name, 3));
        awaitConverged(name, 3);

        // A new revision (an environment change), rolled out with the defaults 100/200 and a 1 s minHealthyTime.
        String v2 = manifest(name, 3).replace("essential: true", "essential: true\n      environment: {VERSION: \"2\"}")
                + "  deployment: {minHealthyTime: 1s}\n";
        apply(v2);
        Await.untilKeeping(Duration.ofSeconds(60), "all 3 tasks on revision 2",
                () -> { int n = running(name).size(); return n >= 3 && n <= 6; }, "3 ≤ running ≤ 6 (100 % / 200 %)",
                () -> { List<ContainerState> r = running(name);
                        return r.size() == 3 && r.stream().allMatch(c -> c.labels().get("berth.task-definition").endsWith(":2")); });

        JsonNode service = berth.getJson("/v1/clusters/default/services/" + name);
        assertThat(service.get("taskDefinition").asString()).endsWith(":2");
        HttpResponse<String> r = berth.send("DELETE", "/v1/clusters/default/services/" + name + "?wait=true&timeout=60s", null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void sigkillAtAnyMomentNeverLeavesMoreThanDesired() {
        String name = "e2e-chaos-" + UUID.randomUUID().toString().substring(0, 6);
        apply(manifest(name, 4));
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 3; round++) {
            // Kill Berth somewhere in the middle of converging (or just after), then start it again.
            Duration killAfter = Duration.ofMillis(random.nextInt(1500));
            try {
                Await.holdsFor(killAfter, "at most 4 containers while converging", () -> running(name).size() <= 4);
            } finally {
                berth.kill();
            }
            if (!running(name).isEmpty()) {
                docker.stop(running(name).getFirst().id(), Duration.ZERO); // a failure while Berth is down
            }
            berth.start();
            awaitConverged(name, 4);
            assertThat(running(name)).hasSize(4);
            assertThat(berth.getJson("/v1/clusters/default/tasks?service=" + name + "&status=RUNNING").size()).isEqualTo(4);
        }
        HttpResponse<String> r = berth.send("DELETE", "/v1/clusters/default/services/" + name + "?wait=true&timeout=60s", null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(docker.list(Map.of("berth.service", name))).isEmpty();
    }
}
