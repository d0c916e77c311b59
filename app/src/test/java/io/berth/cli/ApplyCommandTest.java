package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyCommandTest {

    static final String APPLIED = """
            {"dryRun":false,"documents":[
              {"kind":"TaskDefinition","name":"web","result":"created","revision":1},
              {"kind":"Service","name":"web","cluster":"default","result":"configured","taskDefinition":"web:2"},
              {"kind":"Service","name":"api","cluster":"prod","result":"unchanged","taskDefinition":"api:7"}]}
            """;

    static final String TASK_DEFINITION = """
            apiVersion: berth/v1
            kind: TaskDefinition
            metadata: {name: web}
            spec:
              containers: [{name: httpd, image: busybox:1.36, memory: 64}]
            """;

    static final String SERVICE = """
            apiVersion: berth/v1
            kind: Service
            metadata: {name: web, cluster: default}
            spec: {taskDefinition: web, desiredCount: 3}
            """;

    @TempDir
    Path dir;

    FakeBerth server;
    Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        server = new FakeBerth();
        cli = new Cli(dir.resolve("home"));
        cli.env.put("BERTH_URL", server.url());
        cli.env.put("BERTH_TOKEN", "s3cret");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void printsOneLinePerDocumentAndSendsYamlWithTheBearerToken() throws IOException {
        server.on("POST /v1/apply", 200, APPLIED);
        Path file = Files.writeString(dir.resolve("web.yaml"), TASK_DEFINITION + "---\n" + SERVICE);

        Cli.Result result = cli.run("apply", "-f", file.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                taskdefinition/web created (revision 1)
                service/default/web configured (web:2)
                service/prod/api unchanged (api:7)
                """);
        FakeBerth.Request request = server.last("POST");
        assertThat(request.query()).isNull();
        assertThat(request.header("Content-Type")).isEqualTo("application/yaml");
        assertThat(request.header("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(request.body()).isEqualTo(TASK_DEFINITION + "---\n" + SERVICE);
    }

    @Test
    void dryRunAsksTheServerNotToStoreAndSaysSo() throws IOException {
        server.on("POST /v1/apply", 200, APPLIED.replace("\"dryRun\":false", "\"dryRun\":true"));
        Path file = Files.writeString(dir.resolve("web.yaml"), TASK_DEFINITION);

        Cli.Result result = cli.run("apply", "-f", file.toString(), "--dry-run");

        assertThat(result.exitCode()).isZero();
        assertThat(server.last("POST").query()).isEqualTo("dryRun=true");
        assertThat(result.out()).contains("taskdefinition/web created (revision 1) (dry run)");
    }

    @Test
    void aDirectoryIsOneRequestOfItsManifestsSortedWithJsonConverted() throws IOException {
        server.on("POST /v1/apply", 200, APPLIED);
        Path manifests = Files.createDirectory(dir.resolve("manifests"));
        Files.writeString(manifests.resolve("b-service.yml"), SERVICE);
        Files.writeString(manifests.resolve("a-td.json"), """
                {"apiVersion": "berth/v1", "kind": "TaskDefinition", "metadata": {"name": "web"},
                 "spec": {"containers": [{"name": "httpd", "image": "busybox:1.36", "memory": 64}]}}
                """);
        Files.writeString(manifests.resolve("README.md"), "not a manifest");

        Cli.Result result = cli.run("apply", "-f", manifests.toString());

        assertThat(result.exitCode()).isZero();
        FakeBerth.Request request = server.last("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/yaml");
        String body = request.body();
        assertThat(body).doesNotContain("not a manifest");
        assertThat(body.indexOf("kind: TaskDefinition")).isLessThan(body.indexOf("kind: Service"));
        assertThat(body).contains("---\n").contains("image: busybox:1.36");
        // what was sent reads back as the two documents
        java.util.List<tools.jackson.databind.JsonNode> documents = Json.Yaml.MAPPER
                .readerFor(tools.jackson.databind.JsonNode.class).<tools.jackson.databind.JsonNode>readValues(body)
                .readAll();
        assertThat(documents).hasSize(2);
        assertThat(documents.get(0).path("spec").path("containers").get(0).path("memory").asInt()).isEqualTo(64);
    }

    @Test
    void aSingleJsonFileIsSentAsJson() throws IOException {
        server.on("POST /v1/apply", 200, APPLIED);
        String json = "[{\"apiVersion\":\"berth/v1\",\"kind\":\"Service\"}]";
        Path file = Files.writeString(dir.resolve("all.json"), json);

        assertThat(cli.run("apply", "-f", file.toString()).exitCode()).isZero();
        assertThat(server.last("POST").header("Content-Type")).isEqualTo("application/json");
        assertThat(server.last("POST").body()).isEqualTo(json);
    }

    @Test
    void stdinIsReadWithDash() {
        server.on("POST /v1/apply", 200, APPLIED);
        cli.stdin = SERVICE;
        assertThat(cli.run("apply", "-f", "-").exitCode()).isZero();
        assertThat(server.last("POST").body()).isEqualTo(SERVICE);
    }

    @Test
    void validationErrorsArePrintedOnePerLineWithTheirFileAndExitTwo() throws IOException {
        server.on("POST /v1/apply", 422, """
                {"status":422,"error":"Unprocessable Entity","message":"2 invalid fields","errors":[
                  {"field":"documents[0].spec.containers[0].memory","message":"must be >= 4 MiB"},
                  {"field":"documents[1].spec.desiredCount","message":"must be >= 0"}]}
                """);
        Path first = Files.writeString(dir.resolve("td.yaml"), TASK_DEFINITION);
        Path second = Files.writeString(dir.resolve("svc.yaml"), SERVICE);

        Cli.Result result = cli.run("apply", "-f", first.toString(), "-f", second.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).containsExactly(
                "error: 2 invalid fields",
                "  documents[0].spec.containers[0].memory: must be >= 4 MiB (in " + first + ")",
                "  documents[1].spec.desiredCount: must be >= 0 (in " + second + ")");
    }

    @Test
    void anUnreachableServerIsExitThreeWithOneLine() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path file = Files.writeString(dir.resolve("web.yaml"), SERVICE);

        Cli.Result result = cli.run("apply", "-f", file.toString(), "--server", "http://127.0.0.1:" + port);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err().lines()).containsExactly("error: cannot reach the Berth server at http://127.0.0.1:"
                + port + ": connection refused (set --server or BERTH_URL)");
        assertThat(result.err()).doesNotContain("Exception");
    }

    @Test
    void aMissingFileIsAUsageError() {
        Cli.Result result = cli.run("apply", "-f", dir.resolve("nope.yaml").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("error: the path \"").contains("does not exist");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void withoutFileItIsAUsageErrorWithAHint() {
        Cli.Result result = cli.run("apply");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("error: Missing required option").contains("berth apply --help");
    }

    @Test
    void aDryRunOfAnInstanceSaysItsEndpointWasNotProbed() {
        tools.jackson.databind.JsonNode document = tools.jackson.databind.json.JsonMapper.builder().build().readTree("""
                {"kind": "ContainerInstance", "name": "edge", "cluster": "default", "result": "created",
                 "note": "dry run: the document was checked, the endpoint was not probed"}
                """);

        assertThat(ApplyCommand.describe(document, true))
                .isEqualTo("containerinstance/edge created (dry run: the document was checked, the endpoint was not probed)");
    }
}
