package io.berth.reconciler.store;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerOverride;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOverrides;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OverridesJsonTest {

    private final OverridesJson json = new OverridesJson();

    @Test
    void roundTripsEveryField() {
        TaskOverrides o = new TaskOverrides(List.of(
                new ContainerOverride("main", List.of("sh", "-c", "exit 3"), Map.of("A", "1", "B", "two"), 256, 128),
                new ContainerOverride("side", null, Map.of(), null, null)));

        assertThat(json.fromJson(json.toJson(o))).isEqualTo(o);
    }

    @Test
    void noOverridesStoreNothing() {
        assertThat(json.toJson(TaskOverrides.NONE)).isNull();
        assertThat(json.fromJson(null)).isEqualTo(TaskOverrides.NONE);
    }

    @Test
    void malformedIsRefusedNotGuessed() {
        assertThatThrownBy(() -> json.fromJson("{\"containerOverrides\":[{\"command\":[\"x\"]}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    }

    @Test
    void applyingKeepsEverythingElseOfTheRevision() {
        io.berth.reconciler.model.ContainerOptions options = io.berth.reconciler.model.ContainerOptions.builder()
                .workingDirectory("/work").build();
        io.berth.reconciler.model.TaskOptions taskOptions = new io.berth.reconciler.model.TaskOptions(
                io.berth.reconciler.model.TaskOptions.NetworkMode.NONE, List.of(), Map.of("team", "data"));
        TaskDefinitionSpec spec = new TaskDefinitionSpec(List.of(new ContainerDefinition("main", "img", List.of("run"), null,
                Map.of(), 10, 64, 32, true, List.of(), null, options)), 256, 512, taskOptions);

        TaskDefinitionSpec result = new TaskOverrides(List.of(new ContainerOverride("main", List.of("x"), Map.of(), null, null)))
                .applyTo(spec);

        assertThat(result.options()).isEqualTo(taskOptions);
        assertThat(result.containers().getFirst().options()).isEqualTo(options);
        assertThat(result.containers().getFirst().memoryReservation()).isEqualTo(32);
        assertThat(result.cpu()).isEqualTo(256);
    }

    @Test
    void applyingReplacesCommandAndLimitsAndMergesEnvironment() {
        TaskDefinitionSpec spec = new TaskDefinitionSpec(List.of(
                new ContainerDefinition("main", "img", List.of("run"), null, Map.of("A", "0", "KEEP", "k"), 10, 64, null, true, List.of(), null),
                new ContainerDefinition("other", "img", List.of("run"), null, Map.of(), 10, 64, null, false, List.of(), null)),
                null, null);
        TaskOverrides o = new TaskOverrides(List.of(new ContainerOverride("main", List.of("other"), Map.of("A", "1"), 20, 96)));

        TaskDefinitionSpec result = o.applyTo(spec);

        ContainerDefinition main = result.containers().getFirst();
        assertThat(main.command()).containsExactly("other");
        assertThat(main.environment()).containsEntry("A", "1").containsEntry("KEEP", "k");
        assertThat(main.cpu()).isEqualTo(20);
        assertThat(main.memory()).isEqualTo(96);
        assertThat(result.containers().get(1)).isEqualTo(spec.containers().get(1));
    }
}
