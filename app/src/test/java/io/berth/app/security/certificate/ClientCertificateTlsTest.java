package io.berth.app.security.certificate;

import io.berth.app.security.identity.BadCredentialsException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Real TLS: Tomcat serving HTTPS through {@code berth.api.tls.*} with {@code client-ca}, so that it asks for
 * (but does not require) a client certificate, verifies it in the handshake and hands it to the authenticator.
 * A small context (web server, SSL bundles, the authenticator and a servlet that reports the caller), not the
 * whole application: what is tested is the container's part and the settings.
 */
@SpringBootTest(classes = ClientCertificateTlsTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"berth.api.tls.certificate=src/test/resources/tls/server-cert.pem",
                "berth.api.tls.private-key=src/test/resources/tls/server-key.pem",
                "berth.api.tls.client-ca=src/test/resources/tls/clients/client-ca.pem",
                "server.port=0"})
class ClientCertificateTlsTest {

    @DynamicPropertySource
    static void subjects(DynamicPropertyRegistry registry) {
        // The bracket notation a YAML file needs too.
        registry.add("berth.security.client-certificates.subjects[CN=ci-runner,O=berth]", () -> "deployer");
    }

    @LocalServerPort
    int port;

    @Test
    void aVerifiedMappedCertificateNamesTheCaller() throws Exception {
        HttpResponse<String> response = whoami(TestClientCertificates.sslContext(
                TestClientCertificates.DIR.resolve("ci-runner-cert.pem"),
                TestClientCertificates.DIR.resolve("ci-runner-key.pem")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("cert:CN=ci-runner,O=berth [deployer]");
    }

    @Test
    void withoutACertificateTheHandshakeSucceedsAndNoCallerIsFound() throws Exception {
        HttpResponse<String> response = whoami(TestClientCertificates.sslContext(null, null));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("none");
    }

    @Test
    void aVerifiedButUnmappedCertificateIsRefused() throws Exception {
        HttpResponse<String> response = whoami(TestClientCertificates.sslContext(
                TestClientCertificates.DIR.resolve("stranger-cert.pem"),
                TestClientCertificates.DIR.resolve("stranger-key.pem")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("'CN=stranger,O=berth' is not mapped");
    }

    @Test
    void aCertificateFromAnotherCaFailsTheHandshake() throws Exception {
        // Self-signed, not from the client CA: the JDK client would not even offer it, so it is forced.
        SSLContext forcing = forcing(TestClientCertificates.SERVER_CERT, TestClientCertificates.SERVER_KEY);
        // The same forcing client with a certificate from the CA gets through: the CA is what fails the other.
        SSLContext forcingTrusted = forcing(TestClientCertificates.DIR.resolve("ci-runner-cert.pem"),
                TestClientCertificates.DIR.resolve("ci-runner-key.pem"));

        assertThatThrownBy(() -> rawWhoami(forcing)).isInstanceOf(SSLException.class)
                .hasMessageContaining("certificate_unknown");
        assertThat(whoami(forcingTrusted).body()).isEqualTo("cert:CN=ci-runner,O=berth [deployer]");
    }

    private HttpResponse<String> whoami(SSLContext ssl) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build()) {
            return http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/whoami"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Over a bare TLS socket: the server's alert ends it at once (an HTTP client takes long to give up). */
    private void rawWhoami(SSLContext ssl) throws IOException {
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            // TLS 1.3: the server checks the client's certificate after its own Finished; its alert comes on read.
            socket.getOutputStream().write(("GET /whoami HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.getInputStream().readAllBytes();
        }
    }

    /** A client with this certificate that offers it whatever CAs the server names. */
    private static SSLContext forcing(Path cert, Path key) {
        X509ExtendedKeyManager keys = (X509ExtendedKeyManager) TestClientCertificates.keyManagers(cert, key)[0];
        return TestClientCertificates.sslContext(new KeyManager[]{new AlwaysOffer(keys)});
    }

    private static final class AlwaysOffer extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;

        AlwaysOffer(X509ExtendedKeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[]{"client"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, SslAutoConfiguration.class})
    @EnableConfigurationProperties(ClientCertificateProperties.class)
    @Import(ClientCertificateConfiguration.class)
    static class App {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        /** Reports who the authenticator finds: what the authentication filter would put on the request. */
        @Bean
        ServletRegistrationBean<HttpServlet> whoami(ClientCertificateAuthenticator authenticator) {
            HttpServlet servlet = new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    response.setContentType("text/plain");
                    try {
                        response.getWriter().write(authenticator.authenticate(request)
                                .map(caller -> caller.name() + " " + caller.roles()).orElse("none"));
                    } catch (BadCredentialsException e) {
                        response.setStatus(401);
                        response.getWriter().write(e.getMessage());
                    }
                }
            };
            return new ServletRegistrationBean<>(servlet, "/whoami");
        }
    }
}
