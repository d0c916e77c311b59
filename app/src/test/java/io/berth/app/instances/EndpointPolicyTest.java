package io.berth.app.instances;

import io.berth.app.manifest.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointPolicyTest {

    @ParameterizedTest(name = "{0}: allowed = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            unix:///var/run/docker.sock        | true
            tcp://198.18.0.11:2376             | true
            tcp://h:2375                       | true
            unix:///run/user/0/docker.sock     | false
            unix:///var/run/docker.sock.evil   | false
            unix:///var/run/../run/docker.sock | false
            http://h:2375                      | false
            """)
    void theDefaultAllowsTheLocalSocketAndTcp(String endpoint, boolean allowed) {
        EndpointPolicy policy = new EndpointPolicy(new InstanceSettings(null, null));

        assertThat(policy.checkEndpoint(endpoint, "endpoint").isEmpty()).isEqualTo(allowed);
    }

    @Test
    void aConfiguredListReplacesTheDefault() {
        EndpointPolicy policy = new EndpointPolicy(new InstanceSettings(
                List.of("tcp://198.18.*:2376", "unix:///run/berth/*.sock"), null));

        assertThat(policy.checkEndpoint("tcp://198.18.0.11:2376", "e")).isEmpty();
        assertThat(policy.checkEndpoint("unix:///run/berth/h1.sock", "e")).isEmpty();
        assertThat(policy.checkEndpoint("tcp://10.0.0.1:2376", "e")).singleElement()
                .isEqualTo(new FieldError("e", "tcp://10.0.0.1:2376 is not in berth.instances.allowed-endpoints "
                        + "[tcp://198.18.*:2376, unix:///run/berth/*.sock]"));
        assertThat(policy.checkEndpoint("unix:///var/run/docker.sock", "e")).isNotEmpty();
    }

    @Test
    void aCertificateFolderMustResolveInsideTheConfiguredOne(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("tls"));
        Path inside = certs(root.resolve("h1"));
        Path outside = certs(tmp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(root.resolve("sneaky"), outside);
        EndpointPolicy policy = new EndpointPolicy(new InstanceSettings(null, root));

        assertThat(policy.checkCertPath(inside.toString(), "tlsCertPath")).isEmpty();
        assertThat(policy.checkCertPath(root.toString(), "tlsCertPath")).hasSize(3)
                .allSatisfy(e -> assertThat(e.message()).startsWith("has no readable"));
        for (String refused : List.of(outside.toString(), link.toString(), root + "/h1/../../elsewhere",
                tmp.resolve("missing").toString(), "relative/h1")) {
            assertThat(policy.checkCertPath(refused, "tlsCertPath")).as(refused).singleElement()
                    .satisfies(e -> assertThat(e.message()).contains("is not a folder inside berth.instances.tls-cert-dir"));
        }
    }

    @Test
    void aFailedConnectionIsWordedWithoutThePeersAnswer() {
        assertThat(EndpointPolicy.couldNotConnect(new RuntimeException("foreign banner",
                new ConnectException("Connection refused")))).isEqualTo("could not connect: connection refused");
        assertThat(EndpointPolicy.couldNotConnect(new RuntimeException("{\"message\":\"secret banner\"}")))
                .isEqualTo("could not connect: no Docker engine answered");
    }

    private static Path certs(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
            Files.writeString(dir.resolve(file), file);
        }
        return dir;
    }
}
