package io.berth.reconciler.taskwork;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerOptions;
import io.berth.reconciler.model.SecretFile;
import io.berth.reconciler.model.SecretReference;
import io.berth.reconciler.policy.ClusterSettings;
import io.berth.reconciler.policy.SecretValues;
import io.berth.reconciler.policy.UnreadableSecretException;
import io.berth.reconciler.testing.InMemoryClusterSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a container gets from its secrets and configs at launch, and why a launch fails, without the values. */
class LaunchSecretsTest {

    private static ContainerDefinition container(List<SecretReference> secrets, List<SecretFile> files) {
        return new ContainerDefinition("main", "busybox:1.36", List.of(), null, Map.of(), null, 32, null, true, null,
                null, ContainerOptions.builder().secrets(secrets).files(files).build());
    }

    private static final ContainerDefinition USES = container(
            List.of(new SecretReference("DB_PASSWORD", "db", "password")),
            List.of(new SecretFile("/run/pw", SecretFile.Source.SECRET, "db", "password", 0400, 0, 0),
                    new SecretFile("/etc/app.yaml", SecretFile.Source.CONFIG, "app", "app.yaml", 0444, 0, 0)));

    @Test
    void resolvesEnvironmentFilesAndVersions() {
        InMemoryClusterSettings settings = new InMemoryClusterSettings();
        settings.putSecret(SecretFile.Source.SECRET, new SecretValues("db", 3, Map.of("password", "s3cret")));
        settings.putSecret(SecretFile.Source.CONFIG, new SecretValues("app", 1, Map.of("app.yaml", "level: info")));

        LaunchSecrets.Outcome outcome = LaunchSecrets.resolve(USES, settings);

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.resolved().environment()).isEqualTo(Map.of("DB_PASSWORD", "s3cret"));
        assertThat(outcome.resolved().files()).extracting(f -> f.file().path(),
                        f -> new String(f.content(), StandardCharsets.UTF_8))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/run/pw", "s3cret"),
                        org.assertj.core.groups.Tuple.tuple("/etc/app.yaml", "level: info"));
        assertThat(outcome.resolved().versions().secrets()).isEqualTo(Map.of("db", 3));
        assertThat(outcome.resolved().versions().configs()).isEqualTo(Map.of("app", 1));
        assertThat(outcome.resolved().toString()).doesNotContain("s3cret");
    }

    @Test
    void aMissingSecretOrKeyFailsTheLaunchNamingIt() {
        InMemoryClusterSettings settings = new InMemoryClusterSettings();
        assertThat(LaunchSecrets.resolve(USES, settings).failure())
                .isEqualTo("ResourceInitializationError: container main: secrets.DB_PASSWORD: secret \"db\" does not exist");
        settings.putSecret(SecretFile.Source.SECRET, new SecretValues("db", 2, Map.of("other", "s3cret")));
        assertThat(LaunchSecrets.resolve(USES, settings).failure())
                .isEqualTo("ResourceInitializationError: container main: secrets.DB_PASSWORD: secret \"db\" has no key \"password\"")
                .doesNotContain("s3cret");
    }

    @Test
    void anUndecryptableSecretFailsTheLaunch() {
        ClusterSettings settings = reading((source, name) -> {
            throw new UnreadableSecretException("secret \"db\" cannot be decrypted: another key");
        });
        assertThat(LaunchSecrets.resolve(USES, settings).failure()).contains("cannot be decrypted: another key");
    }

    @Test
    void aContainerWithoutSecretsReadsNothing() {
        assertThat(LaunchSecrets.resolve(container(List.of(), List.of()), reading((source, name) -> {
            throw new AssertionError("read " + name);
        })).resolved()).isSameAs(LaunchSecrets.Resolved.NONE);
    }

    private static ClusterSettings reading(java.util.function.BiFunction<SecretFile.Source, String, Optional<SecretValues>> read) {
        return new ClusterSettings() {
            @Override
            public io.berth.reconciler.policy.ClusterPolicy policy(String cluster) {
                return io.berth.reconciler.policy.ClusterPolicy.DENY_ALL;
            }

            @Override
            public Optional<io.berth.reconciler.policy.RegistryCredential> credential(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<SecretValues> secretValues(SecretFile.Source source, String name) {
                return read.apply(source, name);
            }
        };
    }
}
