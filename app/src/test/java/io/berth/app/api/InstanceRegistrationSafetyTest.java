package io.berth.app.api;

import com.sun.net.httpserver.HttpServer;
import io.berth.app.BerthProperties;
import io.berth.db.model.ClusterEntity;
import io.berth.db.repository.ContainerInstanceRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Registering an instance (apply and API) has no side effects in a dry run, points the server only at endpoints and
 * certificate folders that berth.instances.* allow, and does not echo what a foreign service answered.
 */
class InstanceRegistrationSafetyTest extends ApiTestSupport {

    private static final String PEM = "tls: {cert: '-----BEGIN CERTIFICATE-----%s', key: '-----BEGIN PRIVATE KEY-----%s', "
            + "ca: '-----BEGIN CERTIFICATE-----%s'}";

    @Autowired
    ContainerInstanceRepository instances;
    @Autowired
    BerthProperties berth;

    private String cluster;

    @BeforeEach
    void cluster() {
        cluster = unique("safety");
        clusters.save(new ClusterEntity(cluster));
    }

    private String instance(String name, String spec) {
        return """
                apiVersion: berth/v1
                kind: ContainerInstance
                metadata: {name: %s, cluster: %s}
                spec: %s
                """.formatted(name, cluster, spec);
    }

    private List<String> filesUnderDataDirTls() throws IOException {
        Path tls = berth.dataDir().resolve("tls");
        if (!Files.exists(tls)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(tls)) {
            return files.map(Path::toString).sorted().toList();
        }
    }

    @Test
    void aDryRunNeitherConnectsNorWritesFiles() throws Exception {
        List<String> before = filesUnderDataDirTls();

        // TEST-NET-2: nothing answers there; a probe would fail the dry run.
        applyYaml(instance("edge", "{endpoint: 'tcp://198.51.100.7:2376', " + PEM.formatted("x", "y", "z") + "}"), true)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].result").value("created"))
                .andExpect(jsonPath("$.documents[0].note").value(containsString("endpoint was not probed")));

        assertThat(filesUnderDataDirTls()).isEqualTo(before);
        assertThat(instances.findByClusterOrderByCreatedAt(cluster)).isEmpty();
    }

    @Test
    void aDryRunLeavesTheCertificateFilesOfALiveInstanceUntouched() throws Exception {
        // Where inline certificates of cluster/name used to be written, and a live instance's client still reads them.
        Path live = Files.createDirectories(berth.dataDir().resolve("tls").resolve(cluster + "_edge"));
        for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
            Files.writeString(live.resolve(file), "live " + file);
        }

        applyYaml(instance("edge", "{endpoint: 'tcp://198.51.100.7:2376', "
                + PEM.formatted("other", "other", "other") + "}"), true);

        for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
            assertThat(Files.readString(live.resolve(file))).isEqualTo("live " + file);
        }
    }

    @Test
    void anEndpointOutsideTheAllowListIsRefusedBeforeAnyConnection() throws Exception {
        applyYaml(instance("other-socket", "{endpoint: 'unix:///run/other/docker.sock'}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("documents[0].spec.endpoint"))
                .andExpect(jsonPath("$.errors[0].message")
                        .value(containsString("not in berth.instances.allowed-endpoints")));

        mvc.perform(post("/v1/clusters/" + cluster + "/container-instances").header("Authorization", BEARER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"endpoint\": \"unix:///run/other/docker.sock\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("endpoint"))
                .andExpect(jsonPath("$.errors[0].message")
                        .value(containsString("not in berth.instances.allowed-endpoints")));
        assertThat(instances.findByClusterOrderByCreatedAt(cluster)).isEmpty();
    }

    @Test
    void aServiceThatIsNoDockerEngineIsNotQuoted() throws Exception {
        HttpServer foreign = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        foreign.createContext("/", exchange -> {
            byte[] body = "{\"message\":\"internal-admin-banner v9 secret=hunter2\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        foreign.start();
        try {
            String endpoint = "tcp://127.0.0.1:" + foreign.getAddress().getPort();
            applyYaml(instance("foreign", "{endpoint: '" + endpoint + "', allowInsecure: true}"))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.errors[0].field").value("documents[0].spec.endpoint"))
                    .andExpect(jsonPath("$.errors[0].message").value(allOf(containsString("could not connect: "),
                            not(containsString("banner")), not(containsString("hunter2")))));

            mvc.perform(post("/v1/clusters/" + cluster + "/container-instances").header("Authorization", BEARER)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"endpoint\": \"" + endpoint + "\", \"allowInsecure\": true}"))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.message").value(allOf(containsString("could not connect: "),
                            not(containsString("banner")), not(containsString("hunter2")))));
        } finally {
            foreign.stop(0);
        }
    }

    @Test
    void aCertificateFolderOutsideTheConfiguredOneIsRefused(@TempDir Path elsewhere) throws Exception {
        for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
            Files.writeString(elsewhere.resolve(file), "not a certificate");
        }

        applyYaml(instance("h1", "{endpoint: 'tcp://127.0.0.1:1', tlsCertPath: '" + elsewhere + "'}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("documents[0].spec.tlsCertPath"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("berth.instances.tls-cert-dir")));

        mvc.perform(post("/v1/clusters/" + cluster + "/container-instances").header("Authorization", BEARER)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"endpoint\": \"tcp://127.0.0.1:1\", \"tlsCertPath\": \"" + elsewhere + "\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("tlsCertPath"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("berth.instances.tls-cert-dir")));
    }
}
