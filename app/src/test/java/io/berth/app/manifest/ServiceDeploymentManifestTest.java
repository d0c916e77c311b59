package io.berth.app.manifest;

import io.berth.reconciler.model.DeploymentConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** The rollout settings of a Service manifest: healthCheckGracePeriod and deployment {…}. */
class ServiceDeploymentManifestTest {

    private static final String SPEC = "documents[0].spec";
    private final ManifestParser parser = new ManifestParser();

    private static String service(String extra) {
        return """
                apiVersion: berth/v1
                kind: Service
                metadata: {name: web}
                spec:
                  taskDefinition: web
                  desiredCount: 6
                """ + extra;
    }

    private ServiceDocument parse(String yaml) {
        return (ServiceDocument) parser.parse(yaml, ManifestFormat.YAML).documentsOrThrow().getFirst();
    }

    @Test
    void absentSettingsTakeEcsDefaults() {
        ServiceDocument doc = parse(service(""));

        assertThat(doc.spec().deployment()).isEqualTo(DeploymentConfig.defaults());
        assertThat(doc.spec().deployment().minimumHealthyPercent()).isEqualTo(100);
        assertThat(doc.spec().deployment().maximumPercent()).isEqualTo(200);
        assertThat(doc.spec().healthCheckGracePeriod()).isZero();
    }

    @Test
    void readsTheIssuesExample() {
        ServiceDocument doc = parse(service("""
                  healthCheckGracePeriod: 10s
                  deployment:
                    minimumHealthyPercent: 50
                    maximumPercent: 150
                    minHealthyTime: 3s
                """));

        assertThat(doc.spec().healthCheckGracePeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(doc.spec().deployment()).isEqualTo(new DeploymentConfig(50, 150, Duration.ofSeconds(3)));
    }

    @Test
    void partialDeploymentKeepsTheOtherDefaults() {
        ServiceDocument doc = parse(service("""
                  deployment: {maximumPercent: 300}
                """));

        assertThat(doc.spec().deployment()).isEqualTo(new DeploymentConfig(100, 300, DeploymentConfig.DEFAULT_MIN_HEALTHY_TIME));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                argumentSet("minimumHealthyPercent above 100", "  deployment: {minimumHealthyPercent: 101}\n",
                        SPEC + ".deployment.minimumHealthyPercent", "between 0 and 100"),
                argumentSet("negative minimumHealthyPercent", "  deployment: {minimumHealthyPercent: -1}\n",
                        SPEC + ".deployment.minimumHealthyPercent", "between 0 and 100"),
                argumentSet("maximumPercent below 100", "  deployment: {maximumPercent: 90}\n",
                        SPEC + ".deployment.maximumPercent", "between 100 and 1000"),
                argumentSet("a bare number for a duration", "  deployment: {minHealthyTime: 3}\n",
                        SPEC + ".deployment.minHealthyTime", "units are required"),
                argumentSet("a bare number for the grace period", "  healthCheckGracePeriod: 10\n",
                        SPEC + ".healthCheckGracePeriod", "units are required"),
                argumentSet("an unknown deployment field", "  deployment: {maxSurge: 1}\n",
                        SPEC + ".deployment.maxSurge", ""),
                argumentSet("deployment not an object", "  deployment: fast\n",
                        SPEC + ".deployment", "must be an object"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidSettingsNameTheirField(String extra, String path, String message) {
        ValidationResult result = parser.parse(service(extra), ManifestFormat.YAML).validation();

        assertThat(result.errors()).extracting(FieldError::path).containsExactly(path);
        assertThat(result.errors().getFirst().message()).contains(message);
    }
}
