package io.berth.app.manifest;

import io.berth.reconciler.model.BackoffConfig;
import io.berth.reconciler.model.CircuitBreakerConfig;
import io.berth.reconciler.model.DeploymentConfig;
import io.berth.reconciler.store.ServiceSpecJson;
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

    @Test
    void circuitBreakerAndProgressDeadlineDefaultToOnWithRollbackAndTenMinutes() {
        DeploymentConfig deployment = parse(service("  deployment: {maximumPercent: 150}\n")).spec().deployment();

        assertThat(deployment.circuitBreaker()).isEqualTo(new CircuitBreakerConfig(true, true, null));
        assertThat(deployment.progressDeadline()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void readsCircuitBreakerAndProgressDeadline() {
        DeploymentConfig deployment = parse(service("""
                  deployment:
                    circuitBreaker: {enabled: true, rollback: false, threshold: 2}
                    progressDeadline: 2m30s
                """)).spec().deployment();

        assertThat(deployment.circuitBreaker()).isEqualTo(new CircuitBreakerConfig(true, false, 2));
        assertThat(deployment.progressDeadline()).isEqualTo(Duration.ofSeconds(150));
        assertThat(deployment.maximumPercent()).isEqualTo(200);
    }

    @Test
    void partialCircuitBreakerKeepsTheOtherDefaults() {
        CircuitBreakerConfig breaker = parse(service("  deployment: {circuitBreaker: {enabled: false}}\n"))
                .spec().deployment().circuitBreaker();

        assertThat(breaker).isEqualTo(new CircuitBreakerConfig(false, true, null));
    }

    @Test
    void storedSpecKeepsTheBreakerSettings() {
        ServiceSpecJson json = new ServiceSpecJson();
        ServiceDocument doc = parse(service("""
                  deployment: {circuitBreaker: {rollback: false, threshold: 4}, progressDeadline: 90s}
                """));

        assertThat(json.fromJson(json.toJson(doc.spec()))).isEqualTo(doc.spec());
    }

    @Test
    void readsTheServicesBackoffAndLeavesItToBerthWhenAbsent() {
        DeploymentConfig own = parse(service("  deployment: {backoff: {initial: 500ms, max: 2m}}\n")).spec().deployment();
        DeploymentConfig half = parse(service("  deployment: {backoff: {max: 30s}}\n")).spec().deployment();

        assertThat(own.backoff()).isEqualTo(new BackoffConfig(Duration.ofMillis(500), Duration.ofMinutes(2)));
        assertThat(half.backoff()).isEqualTo(new BackoffConfig(Duration.ofSeconds(1), Duration.ofSeconds(30)));
        assertThat(parse(service("")).spec().deployment().backoff()).isNull();
        ServiceSpecJson json = new ServiceSpecJson();
        assertThat(json.fromJson(json.toJson(parse(service("  deployment: {backoff: {initial: 2s, max: 1m}}\n")).spec())).deployment().backoff())
                .isEqualTo(new BackoffConfig(Duration.ofSeconds(2), Duration.ofMinutes(1)));
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
                        SPEC + ".deployment", "must be an object"),
                argumentSet("threshold 0", "  deployment: {circuitBreaker: {threshold: 0}}\n",
                        SPEC + ".deployment.circuitBreaker.threshold", ">= 1"),
                argumentSet("threshold not a number", "  deployment: {circuitBreaker: {threshold: many}}\n",
                        SPEC + ".deployment.circuitBreaker.threshold", ""),
                argumentSet("enabled not a boolean", "  deployment: {circuitBreaker: {enabled: yes please}}\n",
                        SPEC + ".deployment.circuitBreaker.enabled", "true or false"),
                argumentSet("an unknown circuitBreaker field", "  deployment: {circuitBreaker: {failures: 3}}\n",
                        SPEC + ".deployment.circuitBreaker.failures", "unknown field"),
                argumentSet("circuitBreaker not an object", "  deployment: {circuitBreaker: true}\n",
                        SPEC + ".deployment.circuitBreaker", "must be an object"),
                argumentSet("zero progressDeadline", "  deployment: {progressDeadline: 0s}\n",
                        SPEC + ".deployment.progressDeadline", "greater than 0"),
                argumentSet("zero backoff.initial", "  deployment: {backoff: {initial: 0s}}\n",
                        SPEC + ".deployment.backoff.initial", "greater than 0"),
                argumentSet("backoff.max below initial", "  deployment: {backoff: {initial: 10s, max: 5s}}\n",
                        SPEC + ".deployment.backoff.max", "at least backoff.initial (10s)"),
                argumentSet("backoff.max above a day", "  deployment: {backoff: {max: 25h}}\n",
                        SPEC + ".deployment.backoff.max", "at most 24h"),
                argumentSet("a bare number for backoff.initial", "  deployment: {backoff: {initial: 1}}\n",
                        SPEC + ".deployment.backoff.initial", "units are required"),
                argumentSet("an unknown backoff field", "  deployment: {backoff: {factor: 2}}\n",
                        SPEC + ".deployment.backoff.factor", "unknown field"),
                argumentSet("backoff not an object", "  deployment: {backoff: 5s}\n",
                        SPEC + ".deployment.backoff", "must be an object"),
                argumentSet("a bare number for progressDeadline", "  deployment: {progressDeadline: 600}\n",
                        SPEC + ".deployment.progressDeadline", "units are required"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidSettingsNameTheirField(String extra, String path, String message) {
        ValidationResult result = parser.parse(service(extra), ManifestFormat.YAML).validation();

        assertThat(result.errors()).extracting(FieldError::path).containsExactly(path);
        assertThat(result.errors().getFirst().message()).contains(message);
    }
}
