package io.berth.cli;

import io.berth.app.BerthApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole application on HTTPS through {@code berth.api.tls.*} (a self-signed certificate for localhost and
 * 127.0.0.1 in {@code src/test/resources/tls}, valid for a century), with metrics and API docs configured open;
 * and the CLI talking to it. A context of its own (own data dir, own embedded PostgreSQL).
 */
@SpringBootTest(classes = BerthApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Here, not in @DynamicPropertySource (added after the environment post-processors ran): relative plain
        // paths, which the shorthand turns into file: locations of the SSL bundle.
        properties = {"berth.api.tls.certificate=" + HttpsServerTest.CERTIFICATE_FILE,
                "berth.api.tls.private-key=src/test/resources/tls/server-key.pem"})
class HttpsServerTest {

    private static final String TOKEN = "https-admin-token-of-at-least-32-chars";
    static final String CERTIFICATE_FILE = "src/test/resources/tls/server-cert.pem";
    private static final Path CERTIFICATE = Path.of(CERTIFICATE_FILE).toAbsolutePath();
    private static final Path DATA_DIR = createDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("berth.data-dir", DATA_DIR::toString);
        registry.add("berth.security.admin-token", () -> TOKEN);
        registry.add("berth.embedded-postgres.port", () -> 0);
        registry.add("server.port", () -> 0);
        registry.add("berth.discovery.dns.port", () -> 0);
        registry.add("berth.reconciler.enabled", () -> false);
        registry.add("berth.api.open-metrics", () -> true);
        registry.add("berth.api.open-docs", () -> true);
    }

    @LocalServerPort
    int port;

    @TempDir
    Path home;

    @Test
    void healthMetricsAndDocsAnswerOverHttpsWithoutTheTokenWhenConfiguredOpen() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(trusting(CERTIFICATE)).build();

        assertThat(get(http, "/actuator/health").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get(http, "/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("berth_reconcile_queue_depth");
        assertThat(get(http, "/v3/api-docs").statusCode()).isEqualTo(200);
        assertThat(get(http, "/v1/clusters").statusCode()).isEqualTo(401);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsTurnedAway() {
        HttpClient http = HttpClient.newHttpClient();

        assertThatThrownBy(() -> get(http, "/actuator/health")).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theCliTrustsTheServerThroughCaCert() {
        Cli.Result result = cli().run("--server", url(), "--ca-cert", CERTIFICATE.toString(), "get", "clusters");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("NAME");
    }

    @Test
    void theCliTakesTheCaCertFromTheEnvironmentToo() {
        Cli cli = cli();
        cli.env.put("BERTH_CA_CERT", CERTIFICATE.toString());

        Cli.Result result = cli.run("--server", url(), "get", "clusters");

        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    @Test
    void theCliSkipsVerificationOnlyWhenToldTo() {
        Cli.Result untrusted = cli().run("--server", url(), "get", "clusters");
        assertThat(untrusted.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(untrusted.err()).startsWith("error: TLS with the Berth server at " + url() + " failed")
                .contains("--ca-cert FILE").contains("--insecure-skip-tls-verify");

        Cli.Result insecure = cli().run("--server", url(), "--insecure-skip-tls-verify", "get", "clusters");
        assertThat(insecure.exitCode()).as(insecure.err()).isZero();
    }

    @Test
    void caCertAndInsecureExcludeEachOther() {
        Cli.Result result = cli().run("--server", url(), "--ca-cert", CERTIFICATE.toString(),
                "--insecure-skip-tls-verify", "get", "clusters");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--ca-cert and --insecure-skip-tls-verify exclude each other");
    }

    private Cli cli() {
        Cli cli = new Cli(home);
        cli.env.put("BERTH_TOKEN", TOKEN);
        return cli;
    }

    private String url() {
        return "https://localhost:" + port;
    }

    private HttpResponse<String> get(HttpClient http, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            store.setCertificateEntry("berth", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static Path createDataDir() {
        try {
            Path target = Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(target, "berth-https-test-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
