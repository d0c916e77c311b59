package io.berth.app.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** kind: ContainerInstance documents: read, and every rule with the one error it gives. */
class ContainerInstanceManifestTest {

    private static final String SPEC = "documents[0].spec";
    private final ManifestParser parser = new ManifestParser();

    private static String instance(String spec) {
        return "apiVersion: berth/v1\nkind: ContainerInstance\nmetadata: {name: h1, cluster: prod}\nspec: " + spec + "\n";
    }

    @Test
    void readsEveryField() {
        ContainerInstanceDocument doc = (ContainerInstanceDocument) parser.parse(instance(
                "{endpoint: 'tcp://198.18.0.11:2376', tlsCertPath: /etc/berth/h1, attributes: {zone: a, rack: '7'}, "
                        + "status: DRAINING}"), ManifestFormat.YAML).documentsOrThrow().getFirst();

        assertThat(doc.name()).isEqualTo("h1");
        assertThat(doc.cluster()).isEqualTo("prod");
        assertThat(doc.endpoint()).isEqualTo("tcp://198.18.0.11:2376");
        assertThat(doc.tlsCertPath()).isEqualTo("/etc/berth/h1");
        assertThat(doc.attributes()).isEqualTo(Map.of("zone", "a", "rack", "7"));
        assertThat(doc.status()).isEqualTo("DRAINING");
    }

    @Test
    void inlineTlsAndDefaults() {
        ContainerInstanceDocument doc = (ContainerInstanceDocument) parser.parse(instance(
                "{endpoint: 'tcp://h:2376', tls: {cert: '-----BEGIN CERTIFICATE-----', key: '-----BEGIN PRIVATE KEY-----', "
                        + "ca: '-----BEGIN CERTIFICATE-----'}}"), ManifestFormat.YAML).documentsOrThrow().getFirst();

        assertThat(doc.tls().key()).startsWith("-----BEGIN PRIVATE KEY");
        assertThat(doc.tls().toString()).doesNotContain("PRIVATE");
        assertThat(doc.status()).isEqualTo("ACTIVE");
        assertThat(doc.allowInsecure()).isFalse();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                argumentSet("no endpoint", instance("{}"), SPEC + ".endpoint", "is required"),
                argumentSet("http endpoint", instance("{endpoint: 'http://h:2375'}"), SPEC + ".endpoint",
                        "must be unix:///path or tcp://host:port"),
                argumentSet("plain tcp", instance("{endpoint: 'tcp://h:2375'}"), SPEC + ".tlsCertPath",
                        "set allowInsecure: true"),
                argumentSet("tls on a unix socket", instance("{endpoint: 'unix:///var/run/docker.sock', tlsCertPath: /x}"),
                        SPEC + ".tlsCertPath", "applies to tcp:// endpoints only"),
                argumentSet("both tls forms", instance("{endpoint: 'tcp://h:2376', tlsCertPath: /x, "
                        + "tls: {cert: '-----BEGIN C', key: '-----BEGIN K', ca: '-----BEGIN C'}}"), SPEC + ".tls", "not both"),
                argumentSet("inline tls without key", instance("{endpoint: 'tcp://h:2376', tls: {cert: '-----BEGIN C', ca: '-----BEGIN C'}}"),
                        SPEC + ".tls.key", "is required"),
                argumentSet("inline tls not PEM", instance("{endpoint: 'tcp://h:2376', tls: {cert: abc, key: '-----BEGIN K', ca: '-----BEGIN C'}}"),
                        SPEC + ".tls.cert", "must be PEM text"),
                argumentSet("status INACTIVE", instance("{endpoint: 'unix:///s', status: INACTIVE}"), SPEC + ".status",
                        "must be ACTIVE or DRAINING"),
                argumentSet("built-in attribute", instance("{endpoint: 'unix:///s', attributes: {berth.os: x}}"),
                        SPEC + ".attributes.berth.os", "built in"),
                argumentSet("bad attribute name", instance("{endpoint: 'unix:///s', attributes: {'a b': x}}"),
                        SPEC + ".attributes.a b", "attribute names"),
                argumentSet("unknown field", instance("{endpoint: 'unix:///s', zone: a}"), SPEC + ".zone", "unknown field"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejects(String manifest, String path, String message) {
        ValidationResult result = parser.parse(manifest, ManifestFormat.YAML).validation();

        assertThat(result.errors()).hasSize(1);
        assertThat(result.errors().getFirst().path()).isEqualTo(path);
        assertThat(result.errors().getFirst().message()).contains(message);
    }
}
