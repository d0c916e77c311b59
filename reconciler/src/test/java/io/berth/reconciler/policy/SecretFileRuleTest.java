package io.berth.reconciler.policy;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerOptions;
import io.berth.reconciler.model.SecretFile;
import io.berth.reconciler.model.TaskDefinitionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where secret and config files may be written: checked for every cluster, whatever its policy allows. */
class SecretFileRuleTest {

    private static final ClusterPolicy ALLOW_ALL = new ClusterPolicy(true, java.util.Set.of("ALL"), true, true,
            ClusterPolicy.DEFAULT_VOLUME_DRIVERS, true, true, java.util.Set.of(), true);

    private static TaskDefinitionSpec task(String... paths) {
        List<SecretFile> files = new ArrayList<>();
        for (String path : paths) {
            files.add(new SecretFile(path, SecretFile.Source.SECRET, "db", "password", 0400, 0, 0));
        }
        return new TaskDefinitionSpec(List.of(new ContainerDefinition("main", "busybox:1.36", List.of(), null,
                Map.of(), null, 32, null, true, null, null, ContainerOptions.builder().files(files).build())), null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/run/secrets/db", "/etc/app/config.yaml", "/procfile", "/devices/x", "/a/..b/c"})
    void allowsAbsolutePathsOutsideTheKernelFileSystems(String path) {
        assertThat(TaskPolicyCheck.check(task(path), ALLOW_ALL, "c")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/file", "/etc/app/", "/", "/etc/../root/.ssh/authorized_keys", "/a/./b", "/a//b",
            "/proc/self/environ", "/proc", "/sys/kernel/x", "/dev/shm/secret"})
    void refusesOtherPathsEvenWhenThePolicyAllowsEverything(String path) {
        List<PolicyViolation> violations = TaskPolicyCheck.check(task(path), ALLOW_ALL, "c");
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("containers[0].files[0].path");
            assertThat(v.message()).contains(path);
        });
    }

    @Test
    void refusesTheSamePathTwiceAndTooManyFiles() {
        assertThat(TaskPolicyCheck.check(task("/a", "/b", "/a"), ALLOW_ALL, "c")).singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("containers[0].files[2].path"));
        String[] many = new String[SecretFileRule.MAX_FILES + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = "/f" + i;
        }
        assertThat(TaskPolicyCheck.check(task(many), ALLOW_ALL, "c")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("at most " + SecretFileRule.MAX_FILES));
    }
}
