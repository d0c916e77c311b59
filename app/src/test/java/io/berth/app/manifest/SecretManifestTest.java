package io.berth.app.manifest;

import io.berth.reconciler.model.ContainerOptions;
import io.berth.reconciler.model.SecretFile;
import io.berth.reconciler.model.SecretReference;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.store.SpecJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.berth.app.manifest.ManifestRulesTest.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Secret and Config documents, and a container's secrets and files: how they are read and every rule on them. */
class SecretManifestTest {

    private static final String C0 = "documents[0].spec.containers[0]";
    private final ManifestParser parser = new ManifestParser();

    private static String secret(String body) {
        return "apiVersion: berth/v1\nkind: Secret\nmetadata: {name: db}\n" + body + "\n";
    }

    @Test
    void readsStringDataAndBase64Data() {
        ParsedManifest parsed = parser.parse(secret("stringData: {password: 's3cret'}\ndata: {user: "
                + Base64.getEncoder().encodeToString("app".getBytes()) + "}"), ManifestFormat.YAML);
        assertThat(parsed.validation().errors()).isEmpty();
        SecretDocument d = (SecretDocument) parsed.documents().getFirst();
        assertThat(d.kind()).isEqualTo(SecretFile.Source.SECRET);
        assertThat(d.values()).isEqualTo(Map.of("password", "s3cret", "user", "app"));
        assertThat(d.toString()).contains("password").doesNotContain("s3cret");
    }

    @Test
    void readsSecretsAndFilesOfAContainerAndStoresThemInTheSpec() {
        ParsedManifest parsed = parser.parse(container("""
                secrets: [{name: DB_PASSWORD, valueFrom: 'db:password'}],
                files: [{path: /run/secrets/pw, secret: db, key: password, mode: '0440', uid: 1000, gid: 1000},
                        {path: /etc/app/app.yaml, config: app, key: app.yaml}]
                """.replace("\n", " ")), ManifestFormat.YAML);
        assertThat(parsed.validation().errors()).isEmpty();
        TaskDefinitionSpec spec = ((TaskDefinitionDocument) parsed.documents().getFirst()).spec();
        ContainerOptions o = spec.containers().getFirst().options();
        assertThat(o.secrets()).containsExactly(new SecretReference("DB_PASSWORD", "db", "password"));
        assertThat(o.files()).containsExactly(
                new SecretFile("/run/secrets/pw", SecretFile.Source.SECRET, "db", "password", 0440, 1000, 1000),
                new SecretFile("/etc/app/app.yaml", SecretFile.Source.CONFIG, "app", "app.yaml", 0444, 0, 0));
        SpecJson json = new SpecJson();
        assertThat(json.fromJson(json.toJson(spec))).isEqualTo(spec);
    }

    static Stream<Arguments> invalid() {
        String big = "x".repeat(64 * 1024 + 1);
        return Stream.of(
                arguments(secret(""), "documents[0].stringData", "is required"),
                arguments(secret("stringData: {'bad key': v}"), "documents[0].stringData[\"bad key\"]", "keys must be"),
                arguments(secret("data: {k: '%%%'}"), "documents[0].data.k", "must be base64"),
                arguments(secret("data: {k: " + Base64.getEncoder().encodeToString(new byte[]{(byte) 0xff, 0}) + "}"),
                        "documents[0].data.k", "binary values are not supported"),
                arguments(secret("stringData: {k: " + big + "}"), "documents[0].stringData.k", "at most 65536 bytes"),
                arguments(secret("stringData: {k: a}\ndata: {k: YQ==}"), "documents[0].stringData.k", "in both data and stringData"),
                arguments(secret("stringData: {k: a}\nspec: {}"), "documents[0].spec", "unknown field"),
                arguments("apiVersion: berth/v1\nkind: Secret\nmetadata: {name: db, cluster: c}\nstringData: {k: a}\n",
                        "documents[0].metadata.cluster", "belong to no cluster"),
                arguments(container("secrets: [{name: X, valueFrom: 'arn:aws:ssm:eu-west-1:1:parameter/db'}]"),
                        C0 + ".secrets[0].valueFrom", "valueFrom: \"<secret name>:<KEY>\""),
                arguments(container("secrets: [{name: X, valueFrom: 'db'}]"), C0 + ".secrets[0].valueFrom",
                        "must be \"<secret name>:<key>\""),
                arguments(container("secrets: [{name: X, valueFrom: 'db:a:b'}]"), C0 + ".secrets[0].valueFrom",
                        "must be \"<secret name>:<key>\""),
                arguments(container("environment: {X: a}, secrets: [{name: X, valueFrom: 'db:k'}]"),
                        C0 + ".secrets[0].name", "also set in environment"),
                arguments(container("secrets: [{name: X}]"), C0 + ".secrets[0].valueFrom", "is required"),
                arguments(container("files: [{path: /a, key: k}]"), C0 + ".files[0].secret", "exactly one of secret and config"),
                arguments(container("files: [{path: /a, secret: s, config: c, key: k}]"), C0 + ".files[0].secret",
                        "exactly one of secret and config"),
                arguments(container("files: [{path: /a, secret: s, key: k, mode: 400}]"), C0 + ".files[0].mode",
                        "octal permission bits in quotes"),
                arguments(container("files: [{path: /a, secret: s, key: k, mode: '0999'}]"), C0 + ".files[0].mode",
                        "octal permission bits"),
                arguments(container("files: [{path: /a, secret: s, key: k, uid: -1}]"), C0 + ".files[0].uid", ">= 0"),
                arguments(container("files: [{path: /a, secret: s, key: 'a b'}]"), C0 + ".files[0].key", "must be 1-253"),
                arguments(container("files: [{path: /a, secret: s}]"), C0 + ".files[0].key", "is required"),
                arguments(container("files: [{path: /a, secret: s, key: k, owner: me}]"), C0 + ".files[0].owner", "unknown field"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesNamingTheField(String yaml, String field, String message) {
        ParsedManifest parsed = parser.parse(yaml, ManifestFormat.YAML);
        assertThat(parsed.validation().errors()).as(yaml.length() > 500 ? yaml.substring(0, 500) : yaml)
                .anySatisfy(e -> {
                    assertThat(e.path()).isEqualTo(field);
                    assertThat(e.message()).contains(message);
                });
        // Errors name fields and limits, never a value.
        assertThat(parsed.validation().errors()).allSatisfy(e -> assertThat(e.message()).doesNotContain("s3cret"));
    }

    @Test
    void aSecretMayHoldAtMostOneMebibyte() {
        String value = "x".repeat(60 * 1024);
        StringBuilder data = new StringBuilder("stringData: {");
        for (int i = 0; i < 18; i++) {
            data.append(i == 0 ? "" : ", ").append("k").append(i).append(": ").append(value);
        }
        ParsedManifest parsed = parser.parse(secret(data.append("}").toString()), ManifestFormat.YAML);
        assertThat(parsed.validation().errors()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("documents[0].stringData");
            assertThat(e.message()).contains("at most 1048576 bytes (1 MiB)");
        });
    }

    @Test
    void aServiceMaySayRolloutOnChange() {
        ParsedManifest parsed = parser.parse(ManifestRulesTest.service("{name: web}",
                "{taskDefinition: web, rolloutOnChange: true}"), ManifestFormat.YAML);
        assertThat(parsed.validation().errors()).isEmpty();
        assertThat(((ServiceDocument) parsed.documents().getFirst()).spec().rolloutOnChange()).isTrue();
        List<FieldError> wrong = parser.parse(ManifestRulesTest.service("{name: web}",
                "{taskDefinition: web, rolloutOnChange: yes-please}"), ManifestFormat.YAML).validation().errors();
        assertThat(wrong).extracting(FieldError::path).containsExactly("documents[0].spec.rolloutOnChange");
    }
}
