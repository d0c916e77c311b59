package io.berth.reconciler.scenario;

import io.berth.docker.ContainerState;
import io.berth.docker.FakeDockerEngine;
import io.berth.docker.RegistryAuth;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ContainerOptions;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.policy.ClusterPolicy;
import io.berth.reconciler.policy.RegistryCredential;
import io.berth.reconciler.testing.InMemoryStateStore;
import io.berth.reconciler.testing.LoopHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Launch-time checks: the cluster's policy, and registry credentials used for the pull. */
class TaskDefinitionPolicyScenarioTest {

    private static final UUID INSTANCE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-000000000051");

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final FakeDockerEngine engine = new FakeDockerEngine("host-a");
    private LoopHarness harness;

    @BeforeEach
    void setUp() {
        harness = LoopHarness.withOneHost(store, INSTANCE, engine);
    }

    private void run(ContainerOptions options) {
        run("busybox:1.36", options);
    }

    private void run(String image, ContainerOptions options) {
        TaskDefinition td = new TaskDefinition("app", 1, new TaskDefinitionSpec(List.of(new ContainerDefinition(
                "main", image, List.of("sleep", "300"), null, Map.of(), null, 64, null, true, List.of(), null,
                options)), null, null));
        store.putService(new ServiceState(SERVICE, "default", "app", td, 1, false));
        harness.enqueueService(SERVICE);
        harness.runUntilIdle();
    }

    private List<ContainerState> running() {
        return engine.list(ContainerLabels.serviceFilter(SERVICE)).stream().filter(ContainerState::running).toList();
    }

    private List<Task> stopped() {
        return store.allTasks().stream().filter(t -> t.lastStatus() == TaskStatus.STOPPED).toList();
    }

    @Test
    void privilegedAndAddedCapabilitiesAreRefusedAtLaunchUntilThePolicyAllowsThem() {
        run(ContainerOptions.builder().privileged(true).capabilitiesAdd(List.of("NET_ADMIN")).build());

        assertThat(engine.creates()).isZero();
        assertThat(stopped()).isNotEmpty().allSatisfy(t -> assertThat(t.stoppedReason())
                .startsWith("TaskDefinitionNotAllowed: ")
                .contains("containers[0].privileged: privileged mode is not allowed by the policy of cluster \"default\"")
                .contains("containers[0].linuxParameters.capabilities.add[0]: capability NET_ADMIN is not allowed"));

        harness.clusterSettings.setPolicy("default", new ClusterPolicy(true, Set.of("NET_ADMIN"), false, false));
        harness.runFor(Duration.ofMinutes(10), Duration.ofSeconds(5));

        assertThat(running()).hasSize(1);
    }

    @Test
    void aCredentialIsNeverSentToAnotherRegistryThanItsOwn() {
        harness.clusterSettings.putCredential(new RegistryCredential("private", "registry.example:5000", "bot", "s3cret"));

        run("evil.example/app:1", ContainerOptions.builder().credentialsParameter("private").build());

        assertThat(engine.creates()).isZero();
        assertThat(engine.lastPullAuth()).isNull();
        assertThat(stopped()).isNotEmpty().allSatisfy(t -> assertThat(t.stoppedReason()).isEqualTo(
                "CannotPullContainerError: container main: credential \"private\" is for registry registry.example:5000, "
                        + "the image evil.example/app:1 is on evil.example"));
    }

    @Test
    void storedCredentialIsUsedForThePullAndAMissingOneFailsTheTaskClearly() {
        run("registry.example:5000/app:1", ContainerOptions.builder().credentialsParameter("private").build());

        assertThat(engine.creates()).isZero();
        assertThat(stopped()).isNotEmpty().allSatisfy(t -> assertThat(t.stoppedReason()).isEqualTo(
                "CannotPullContainerError: container main: registry credential \"private\" does not exist"));

        harness.clusterSettings.putCredential(new RegistryCredential("private", "registry.example:5000", "bot", "s3cret"));
        harness.runFor(Duration.ofMinutes(10), Duration.ofSeconds(5));

        assertThat(running()).hasSize(1);
        assertThat(engine.lastPullAuth()).isEqualTo(new RegistryAuth("registry.example:5000", "bot", "s3cret"));
    }

    @Test
    void aCredentialThatCannotBeDecryptedFailsTheTaskClearlyAndTheLoopGoesOn() {
        harness.clusterSettings.putUnreadableCredential("private", "the password of registry credential \"private\" "
                + "cannot be decrypted: it was encrypted with key 1a2b3c4d but the key in use (berth.credentials.key) is 9f8e7d6c");

        run(ContainerOptions.builder().credentialsParameter("private").build());

        assertThat(engine.creates()).isZero();
        assertThat(stopped()).isNotEmpty().allSatisfy(t -> assertThat(t.stoppedReason()).isEqualTo(
                "CannotPullContainerError: container main: the password of registry credential \"private\" cannot be "
                        + "decrypted: it was encrypted with key 1a2b3c4d but the key in use (berth.credentials.key) is 9f8e7d6c"));
    }
}
