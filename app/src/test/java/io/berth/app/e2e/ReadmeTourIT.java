package io.berth.app.e2e;

import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Five minutes with Berth", run as a reader would: every command of the tour (see {@link ReadmeTour}
 * for how it is read) through bash, with the real {@code bin/berth} on the PATH, against the packaged berth.jar
 * and the local Docker engine; each must exit 0 and print what the README shows.
 *
 * <p>What a read-only command shows ({@code berth get}, {@code describe}, {@code rollout history}) is the state
 * the server converges to, which a reader sees a moment later: such a command is run again until its output
 * matches, within {@link #CONVERGE}. Every other command runs once. Output is stdout and stderr as a terminal
 * shows them, without bin/berth's one-time notes about building the jar or preparing its fast start.
 */
@Tag("docker")
class ReadmeTourIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** The service and task definition family the tour creates; no other test uses it. */
    static final String SERVICE = "hello";
    static final Duration CONVERGE = Duration.ofSeconds(30);
    static final List<String> READ_ONLY = List.of("berth get ", "berth describe ", "berth rollout history ");

    private static DockerEngine docker;
    private static BerthProcess berth;

    @TempDir
    Path workDir;

    @BeforeAll
    static void start() {
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        E2eContainers.removeManaged(docker, "berth.service", SERVICE);
        // A database of its own: the tour lists every service of cluster "default". A 2 s stop timeout only
        // shortens the wait for busybox httpd, which ignores SIGTERM; no output of the tour depends on it.
        String database = "tour_" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
        berth = new BerthProcess("tour", List.of("--berth.reconciler.stop-timeout=2s"), database);
        berth.start();
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            berth.send("DELETE", "/v1/clusters/default/services/" + SERVICE + "?wait=true&timeout=60s", null, null);
            berth.close();
        }
        if (docker != null) {
            E2eContainers.removeManaged(docker, "berth.service", SERVICE);
            docker.close();
        }
    }

    @Test
    void everyCommandOfTheTourPrintsWhatTheReadmeShows() throws Exception {
        ReadmeTour tour = ReadmeTour.parse(Files.readString(ROOT.resolve("README.md")));
        assertThat(tour.steps()).as("the tour's commands").hasSizeGreaterThan(5);

        for (ReadmeTour.Step step : tour.steps()) {
            boolean readOnly = READ_ONLY.stream().anyMatch(step.command()::startsWith);
            long deadline = System.nanoTime() + CONVERGE.toNanos();
            Run run = run(step.command());
            while (readOnly && !(run.exit() == 0 && ReadmeTour.matches(step.expected(), run.output()))
                    && System.nanoTime() < deadline) {
                Thread.sleep(500);
                run = run(step.command());
            }
            assertThat(run.exit()).as("exit code of\n%s\noutput:\n%s\n(Berth's log: %s)",
                    step.command(), String.join("\n", run.output()), berth.log()).isZero();
            assertThat(ReadmeTour.matches(step.expected(), run.output()))
                    .as("output of\n%s\nREADME shows:\n%s\nprinted:\n%s\n(Berth's log: %s)", step.command(),
                            String.join("\n", step.expected()), String.join("\n", run.output()), berth.log())
                    .isTrue();
        }
    }

    record Run(int exit, List<String> output) {
    }

    private Run run(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(workDir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("PATH", ROOT.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
        builder.environment().put("BERTH_URL", berth.url());
        builder.environment().put("BERTH_TOKEN", BerthProcess.TOKEN);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("did not end within 3 minutes: " + command + "\n" + output);
        }
        List<String> lines = output.lines().filter(l -> !isNote(l)).toList();
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return new Run(process.exitValue(), lines.subList(0, end));
    }

    /** bin/berth's notes when it builds the jar or prepares its fast start-up, once per build. */
    private static boolean isNote(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return l.startsWith("berth: building ") || l.startsWith("berth: preparing fast start-up");
    }
}
