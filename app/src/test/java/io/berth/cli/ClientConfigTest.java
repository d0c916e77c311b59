package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token order: --token > BERTH_TOKEN > token= in ~/.config/berth/config > ~/.berth/admin-token. */
class ClientConfigTest {

    @TempDir
    Path home;

    FakeBerth server;
    Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        server = new FakeBerth();
        server.on("GET /v1/clusters", 200, "[]");
        cli = new Cli(home);
        cli.env.put("BERTH_URL", server.url());
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private String tokenSent(String... extraArgs) {
        String[] args = new String[extraArgs.length + 2];
        args[0] = "get";
        args[1] = "clusters";
        System.arraycopy(extraArgs, 0, args, 2, extraArgs.length);
        assertThat(cli.run(args).exitCode()).isZero();
        return server.requests.getLast().header("Authorization");
    }

    @Test
    void eachSourceIsUsedOnlyWhenTheOnesBeforeItAreMissing() throws IOException {
        assertThat(tokenSent()).isNull();

        Files.createDirectories(home.resolve(".berth"));
        Files.writeString(home.resolve(".berth/admin-token"), "from-admin-file\n");
        assertThat(tokenSent()).isEqualTo("Bearer from-admin-file");

        Files.createDirectories(home.resolve(".config/berth"));
        Files.writeString(home.resolve(".config/berth/config"), "# berth\nserver = " + server.url()
                + "\ntoken = from-config\n");
        assertThat(tokenSent()).isEqualTo("Bearer from-config");

        cli.env.put("BERTH_TOKEN", "from-env");
        assertThat(tokenSent()).isEqualTo("Bearer from-env");

        assertThat(tokenSent("--token", "from-flag")).isEqualTo("Bearer from-flag");
    }

    @Test
    void theServerComesFromTheFlagTheEnvironmentOrTheConfigFile() throws IOException {
        cli.env.remove("BERTH_URL");
        Files.createDirectories(home.resolve(".config/berth"));
        Files.writeString(home.resolve(".config/berth/config"), "server=" + server.url() + "/\n");

        assertThat(cli.run("get", "clusters").exitCode()).isZero();
        assertThat(server.requests).hasSize(1);

        cli.env.put("BERTH_URL", "http://127.0.0.1:1");
        assertThat(cli.run("get", "clusters", "--server", server.url()).exitCode()).isZero();
        assertThat(server.requests).hasSize(2);
        assertThat(ClientConfig.resolve(null, null, context()).server()).isEqualTo("http://127.0.0.1:1");
    }

    @Test
    void withoutAnySourceItIsLocalhost() {
        cli.env.clear();
        assertThat(ClientConfig.resolve(null, null, context()))
                .isEqualTo(new ClientConfig("http://localhost:8080", null, null));
    }

    @Test
    void aMissingTokenIsExplainedWhenTheServerRejectsTheRequest() {
        server.on("GET /v1/clusters", 401, """
                {"status":401,"error":"Unauthorized","message":"missing bearer token: send 'Authorization: Bearer <token>'","errors":[]}""");

        Cli.Result result = cli.run("get", "clusters");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.API_ERROR);
        assertThat(result.err().lines()).hasSize(1).first().asString()
                .startsWith("error: missing bearer token").contains("BERTH_TOKEN").contains("~/.berth/admin-token");
    }

    private CliContext context() {
        return new CliContext(cli.env, home, System.in, new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()), false, java.time.Duration.ofMillis(1),
                java.time.Duration.ofMillis(1), () -> Cli.NOW, d -> { });
    }
}
