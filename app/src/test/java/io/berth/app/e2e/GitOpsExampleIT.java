package io.berth.app.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/gitops/deploy.sh} — what the example workflow runs — against the real berth.jar, PostgreSQL and
 * Docker engine, through the real {@code bin/berth}: the example's manifests roll out (exit 0); a broken revision
 * (its container exits at once) trips the circuit breaker, is rolled back, and fails the job (exit 5).
 */
@Tag("docker")
class GitOpsExampleIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path EXAMPLE = ROOT.resolve("examples/gitops");

    private static BerthProcess berth;

    @TempDir
    Path broken;

    @BeforeAll
    static void start() {
        berth = new BerthProcess("gitops", List.of("--berth.reconciler.stop-timeout=2s"), "gitops");
        berth.start();
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            // the loop removes the service's containers before it answers
            berth.send("DELETE", "/v1/clusters/default/services/web?wait=true&timeout=60s", null, null);
            berth.close();
        }
    }

    record Run(int exit, String output) {
    }

    @Test
    void theExampleRollsOutAndABrokenRevisionFailsTheJob() throws Exception {
        Run good = deploy(EXAMPLE.resolve("manifests"));

        assertThat(good.exit()).as(good.output()).isZero();
        assertThat(good.output()).contains("service/default/web created (web:1), rolled out", "deploy: rolled out");
        JsonNode service = berth.getJson("/v1/clusters/default/services/web");
        assertThat(service.path("runningCount").asInt()).isEqualTo(2);

        Files.createDirectories(broken);
        for (String name : List.of("web-service.yaml", "web-taskdefinition.yaml")) {
            String text = Files.readString(EXAMPLE.resolve("manifests").resolve(name));
            Files.writeString(broken.resolve(name), text.replaceFirst("command: \\[sh, -c, \".*\"]",
                    "command: [sh, -c, \"echo broken; exit 3\"]"));
        }
        Run bad = deploy(broken);

        assertThat(bad.exit()).as(bad.output()).isEqualTo(5);
        assertThat(bad.output()).contains("service/default/web configured (web:2), rollout ROLLED_BACK",
                "deploy: the rollout failed");
        // the rollback brings web:1 back
        JsonNode rollout = berth.getJson("/v1/clusters/default/services/web/rollout");
        assertThat(rollout.path("taskDefinition").asString()).isEqualTo("web:1");
        assertThat(rollout.path("trigger").asString()).isEqualTo("ROLLBACK");
    }

    /** {@code deploy.sh} with bin/berth of this checkout (which runs the berth.jar under test). */
    private Run deploy(Path manifests) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(EXAMPLE.resolve("deploy.sh").toString())
                .redirectErrorStream(true);
        builder.environment().put("BERTH_URL", berth.url());
        builder.environment().put("BERTH_TOKEN", BerthProcess.TOKEN);
        builder.environment().put("BERTH", ROOT.resolve("bin/berth").toString());
        builder.environment().put("MANIFESTS", manifests.toString());
        builder.environment().put("TIMEOUT", "3m");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("deploy.sh did not end: " + output);
        }
        return new Run(process.exitValue(), output);
    }
}
