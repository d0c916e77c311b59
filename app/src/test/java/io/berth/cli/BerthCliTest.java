package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BerthCliTest {

    @TempDir
    Path home;

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        Cli.Result result = new Cli(home).run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("apply", "get", "describe", "delete", "rollout", "version", "completion",
                "Exit codes:", "2   bad input", "3   cannot reach the server", "4   timed out",
                "5   a rollout failed or was rolled back", "BERTH_URL", "BERTH_TOKEN");
    }

    @Test
    void noCommandPrintsTheHelp() {
        Cli.Result result = new Cli(home).run();

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: berth");
    }

    @Test
    void anUnknownCommandIsExitTwoWithASuggestion() {
        Cli.Result result = new Cli(home).run("aply");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("error: Unmatched argument").contains("apply")
                .contains("Run 'berth --help' for usage.");
    }

    @Test
    void versionPrintsTheClientVersionAndTheServersHealth() throws IOException {
        try (FakeBerth server = new FakeBerth()) {
            server.on("GET /actuator/health", 200, "{\"status\":\"UP\"}");
            Cli cli = new Cli(home);

            Cli.Result result = cli.run("version", "--server", server.url());

            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).contains("Client Version: ", "Server:         " + server.url(),
                    "Server Health:  UP");
            assertThat(server.last("GET").header("Authorization")).isNull();
        }
    }

    @Test
    void versionWithoutAServerIsExitThree() {
        Cli.Result result = new Cli(home).run("version", "--server", "http://127.0.0.1:1");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.out()).startsWith("Client Version: ");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void completionPrintsABashScriptThatKnowsTheCommandsAndTypes() {
        Cli.Result result = new Cli(home).run("completion", "bash");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("complete -F", "_picocli_berth", "apply", "describe", "task-definitions")
                .contains("function _picocli_berth_rollout_undo()", "--to-revision", "_picocli_berth_rollout_status");
    }

    @Test
    void rolloutHelpListsItsSubcommands() {
        Cli.Result result = new Cli(home).run("rollout", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("status", "history", "undo", "restart", "service/CLUSTER/NAME");
        assertThat(new Cli(home).run("rollout", "undo", "--help").out()).contains("--to-revision", "--wait",
                "--timeout");
    }

    @Test
    void debugAddsTheStackTrace() {
        Cli.Result result = new Cli(home).run("get", "clusters", "--server", "http://127.0.0.1:1", "--debug");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).contains("ConnectException");
    }

    @Test
    void agesReadLikeKubectls() {
        assertThat(Durations.age(java.time.Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Durations.age(java.time.Duration.ofSeconds(330))).isEqualTo("5m30s");
        assertThat(Durations.age(java.time.Duration.ofMinutes(42))).isEqualTo("42m");
        assertThat(Durations.age(java.time.Duration.ofMinutes(310))).isEqualTo("5h10m");
        assertThat(Durations.age(java.time.Duration.ofHours(30))).isEqualTo("30h");
        assertThat(Durations.age(java.time.Duration.ofHours(76))).isEqualTo("3d4h");
        assertThat(Durations.parse("1m30s")).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(Durations.format(java.time.Duration.ofSeconds(90))).isEqualTo("1m30s");
    }
}
