package io.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.app.manifest.ManifestFormat;
import io.berth.app.manifest.ManifestParser;
import io.berth.app.manifest.ParsedManifest;
import io.berth.cli.BerthCli;
import io.berth.cli.CliContext;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code examples/gitops}: the workflow is well-formed, deploys with {@code berth apply -f manifests/ --wait
 * --timeout 5m} (commands the CLI accepts), and the manifests it applies pass the server's validation. Whether
 * the deployment then succeeds or fails the job is {@code GitOpsExampleIT}'s part.
 */
class GitOpsExampleTest {

    static final Path EXAMPLE = Path.of("..", "examples", "gitops").toAbsolutePath().normalize();

    final JsonNode workflow = new YAMLMapper().readTree(Files.readString(EXAMPLE.resolve(".github/workflows/deploy.yml")));

    GitOpsExampleTest() throws IOException {
    }

    @Test
    void theWorkflowDeploysOnPushToMainOneAtATime() {
        assertThat(workflow.path("on").path("push").path("branches").toString()).contains("main");
        assertThat(workflow.path("concurrency").path("cancel-in-progress").asBoolean(true)).isFalse();
        JsonNode job = workflow.path("jobs").path("deploy");
        assertThat(job.path("env").path("BERTH_URL").asString()).isEqualTo("${{ vars.BERTH_URL }}");
        assertThat(job.path("env").path("BERTH_TOKEN").asString()).isEqualTo("${{ secrets.BERTH_TOKEN }}");
        assertThat(runs()).contains("berth apply -f manifests/ --wait --timeout 5m");
        // the CLI is installed (its bin/ on the PATH) before a step runs it
        int install = indexOf(run -> run.contains("bin\" >> \"$GITHUB_PATH\""));
        int apply = indexOf(run -> run.startsWith("berth apply"));
        assertThat(install).isNotNegative().isLessThan(apply);
    }

    @Test
    void everyBerthCommandOfTheWorkflowIsOneTheCliAccepts() {
        List<String> commands = runs().stream().flatMap(String::lines).map(String::strip)
                .filter(line -> line.startsWith("berth ")).toList();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(3);
        for (String command : commands) {
            String[] args = command.replace(" || true", "").substring("berth ".length()).split("\\s+");
            CommandLine cli = new CommandLine(new BerthCli(context()));
            CommandLine.ParseResult parsed = cli.parseArgs(args); // throws on an unknown command or option
            assertThat(parsed.hasSubcommand()).as(command).isTrue();
        }
    }

    @Test
    void deployShRunsTheSameCommand() throws IOException {
        String script = Files.readString(EXAMPLE.resolve("deploy.sh"));
        assertThat(script).contains("\"$berth\" apply -f \"$manifests\" --wait --timeout \"$timeout\"")
                .contains("timeout=\"${TIMEOUT:-5m}\"");
        assertThat(Files.isExecutable(EXAMPLE.resolve("deploy.sh"))).isTrue();
    }

    @Test
    void theManifestsPassTheServersValidation() throws IOException {
        List<String> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLE.resolve("manifests"))) {
            files.sorted().forEach(file -> documents.add(read(file)));
        }
        ParsedManifest parsed = new ManifestParser().parse(String.join("---\n", documents), ManifestFormat.YAML);

        assertThat(parsed.validation().errors()).isEmpty();
        assertThat(parsed.documents()).extracting(d -> d.getClass().getSimpleName())
                .containsExactly("ServiceDocument", "TaskDefinitionDocument");
        String all = String.join("", documents);
        assertThat(all).contains("healthCheck:", "circuitBreaker:", "minimumHealthyPercent:");
    }

    private List<String> runs() {
        List<String> runs = new ArrayList<>();
        workflow.path("jobs").path("deploy").path("steps").forEach(step -> {
            if (step.has("run")) {
                runs.add(step.path("run").asString().strip());
            }
        });
        return runs;
    }

    private int indexOf(java.util.function.Predicate<String> test) {
        List<String> runs = runs();
        for (int i = 0; i < runs.size(); i++) {
            if (test.test(runs.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static CliContext context() {
        return new CliContext(Map.of(), Path.of("."), InputStream.nullInputStream(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), false, Duration.ofSeconds(1), Duration.ofSeconds(1), Instant::now,
                d -> { });
    }
}
