package io.berth.reconciler.plan;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerOptions;
import io.berth.reconciler.model.SecretFile;
import io.berth.reconciler.model.SecretReference;
import io.berth.reconciler.model.TaskDefinitionSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Which services a changed secret or config rolls out. */
class SecretRolloutPlannerTest {

    private static final SecretRolloutPlanner.Changed DB = new SecretRolloutPlanner.Changed(SecretFile.Source.SECRET, "db", 3);
    private static final SecretRolloutPlanner.Changed CONF = new SecretRolloutPlanner.Changed(SecretFile.Source.CONFIG, "app", 2);

    private static TaskDefinitionSpec spec(ContainerOptions options) {
        return new TaskDefinitionSpec(List.of(new ContainerDefinition("main", "busybox:1.36", List.of(), null, Map.of(),
                null, 32, null, true, null, null, options)), null, null);
    }

    private static final TaskDefinitionSpec ENV = spec(ContainerOptions.builder()
            .secrets(List.of(new SecretReference("DB_PASSWORD", "db", "password"))).build());
    private static final TaskDefinitionSpec FILE = spec(ContainerOptions.builder()
            .files(List.of(new SecretFile("/etc/app.yaml", SecretFile.Source.CONFIG, "app", "app.yaml", 0444, 0, 0)))
            .build());
    private static final TaskDefinitionSpec NONE = spec(ContainerOptions.NONE);

    private static SecretRolloutPlanner.Candidate candidate(String name, boolean rolloutOnChange, TaskDefinitionSpec spec,
                                                            boolean deployingAnyway) {
        return new SecretRolloutPlanner.Candidate(UUID.nameUUIDFromBytes(name.getBytes()), name, rolloutOnChange,
                name + ":4", spec, deployingAnyway);
    }

    @Test
    void rollsOutOnlyTheServicesThatAskAndUseWhatChanged() {
        List<SecretRolloutPlanner.Rollout> rollouts = SecretRolloutPlanner.plan(List.of(DB, CONF), List.of(
                candidate("env", true, ENV, false),
                candidate("file", true, FILE, false),
                candidate("quiet", false, ENV, false),
                candidate("unrelated", true, NONE, false),
                candidate("moving", true, ENV, true)));

        assertThat(rollouts).extracting(SecretRolloutPlanner.Rollout::name).containsExactly("env", "file");
        assertThat(rollouts.getFirst().revision()).isEqualTo("env:4");
        assertThat(rollouts.getFirst().event()).isEqualTo("service env is rolling out env:4: secret db (version 3) changed");
        assertThat(rollouts.get(1).event()).contains("config app (version 2) changed");
    }

    @Test
    void aSecretAndAConfigOfTheSameNameAreNotConfused() {
        SecretRolloutPlanner.Changed configNamedDb = new SecretRolloutPlanner.Changed(SecretFile.Source.CONFIG, "db", 2);
        assertThat(SecretRolloutPlanner.plan(List.of(configNamedDb), List.of(candidate("env", true, ENV, false)))).isEmpty();
    }

    @Test
    void nothingChangedRollsOutNothing() {
        assertThat(SecretRolloutPlanner.plan(List.of(), List.of(candidate("env", true, ENV, false)))).isEmpty();
    }
}
