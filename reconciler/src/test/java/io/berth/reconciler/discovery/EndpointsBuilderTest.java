package io.berth.reconciler.discovery;

import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.HealthStatus;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.berth.reconciler.model.HealthStatus.HEALTHY;
import static io.berth.reconciler.model.HealthStatus.STARTING;
import static io.berth.reconciler.model.HealthStatus.UNHEALTHY;
import static io.berth.reconciler.model.HealthStatus.UNKNOWN;
import static io.berth.reconciler.model.TaskStatus.PENDING;
import static io.berth.reconciler.model.TaskStatus.RUNNING;
import static io.berth.reconciler.model.TaskStatus.STOPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointsBuilderTest {

    static final UUID H1 = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final UUID H2 = UUID.fromString("00000000-0000-4000-8000-000000000002");
    static final UUID T1 = UUID.fromString("10000000-0000-4000-8000-000000000001");
    static final UUID T2 = UUID.fromString("20000000-0000-4000-8000-000000000002");
    static final UUID T3 = UUID.fromString("30000000-0000-4000-8000-000000000003");
    static final Map<UUID, ContainerInstance> INSTANCES = Map.of(
            H1, instance(H1, "tcp://198.18.0.11:2376"),
            H2, instance(H2, "unix:///var/run/docker.sock"));

    static ContainerInstance instance(UUID id, String endpoint) {
        return new ContainerInstance(id, "prod", endpoint, "engine-" + id, "host", ContainerInstance.InstanceStatus.ACTIVE,
                true, Instant.EPOCH, 1024, 1024, Map.of());
    }

    static TaskContainer container(String name, TaskStatus status, HealthStatus health, PortMapping... ports) {
        return new TaskContainer(name, "d-" + name, status, null, null, List.of(ports), health);
    }

    static Task task(UUID id, UUID instance, TaskStatus desired, TaskStatus last, TaskContainer... containers) {
        return new Task(id, "prod", UUID.randomUUID(), "web", "web", 1, instance, desired, last, null, null, 0, 0,
                List.of(containers), Instant.EPOCH, null, null);
    }

    static Task running(UUID id, TaskContainer... containers) {
        return task(id, H1, RUNNING, RUNNING, containers);
    }

    static final PortMapping HTTP = new PortMapping(8080, 32768, "tcp");

    /** One task per row: is it an endpoint? */
    static Stream<Arguments> healthTable() {
        return Stream.of(
                Arguments.of("running, no health check", running(T1, container("web", RUNNING, UNKNOWN, HTTP)), true),
                Arguments.of("running, check healthy", running(T1, container("web", RUNNING, HEALTHY, HTTP)), true),
                Arguments.of("running, check starting", running(T1, container("web", RUNNING, STARTING, HTTP)), false),
                Arguments.of("running, check unhealthy", running(T1, container("web", RUNNING, UNHEALTHY, HTTP)), false),
                Arguments.of("healthy web, sidecar without check", running(T1, container("web", RUNNING, HEALTHY, HTTP),
                        container("log", RUNNING, UNKNOWN)), true),
                Arguments.of("healthy web, api still starting", running(T1, container("web", RUNNING, HEALTHY, HTTP),
                        container("api", RUNNING, STARTING)), false),
                Arguments.of("pending", task(T1, H1, RUNNING, PENDING, container("web", PENDING, UNKNOWN)), false),
                Arguments.of("being stopped", task(T1, H1, STOPPED, RUNNING, container("web", RUNNING, HEALTHY, HTTP)), false),
                Arguments.of("stopped", task(T1, H1, STOPPED, STOPPED, container("web", STOPPED, UNKNOWN)), false),
                Arguments.of("not placed", task(T1, null, RUNNING, RUNNING, container("web", RUNNING, UNKNOWN)), false),
                Arguments.of("on an unknown instance", task(T1, UUID.randomUUID(), RUNNING, RUNNING,
                        container("web", RUNNING, UNKNOWN)), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("healthTable")
    void aTaskIsAnEndpointOnlyWhenHealthy(String name, Task task, boolean endpoint) {
        Endpoints e = EndpointsBuilder.build("prod", "web", List.of(task), INSTANCES, "127.0.0.1", 100);
        assertThat(e.endpoints()).hasSize(endpoint ? 1 : 0);
        assertThat(e.total()).isEqualTo(endpoint ? 1 : 0);
    }

    /** Engine endpoint -> the address clients use. */
    static Stream<Arguments> addressTable() {
        return Stream.of(
                Arguments.of("tcp://198.18.0.11:2376", "198.18.0.11"),
                Arguments.of("tcp://docker-1.example:2375/", "docker-1.example"),
                Arguments.of("tcp://[fd00::11]:2376", "fd00::11"),
                Arguments.of("tcp://10.0.0.5", "10.0.0.5"),
                Arguments.of("unix:///var/run/docker.sock", "192.0.2.1"),
                Arguments.of("npipe:////./pipe/docker_engine", "192.0.2.1"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("addressTable")
    void theAddressIsTheEngineEndpointsHostOrTheLocalAddress(String endpoint, String address) {
        Map<UUID, ContainerInstance> one = Map.of(H1, instance(H1, endpoint));
        Endpoints e = EndpointsBuilder.build("prod", "web", List.of(running(T1, container("web", RUNNING, UNKNOWN))), one,
                "192.0.2.1", 100);
        assertThat(e.endpoints()).singleElement().extracting(Endpoint::address).isEqualTo(address);
    }

    @Test
    void listsPublishedPortsOfRunningContainersInContainerOrder() {
        Task t = running(T1,
                container("web", RUNNING, HEALTHY, HTTP, new PortMapping(9090, 32769, "udp"), new PortMapping(7000, 0, "tcp")),
                container("metrics", RUNNING, UNKNOWN, new PortMapping(9100, 32770, "tcp")),
                container("init", STOPPED, UNKNOWN, new PortMapping(5000, 32771, "tcp")));
        Endpoints e = EndpointsBuilder.build("prod", "web", List.of(t), INSTANCES, "127.0.0.1", 100);
        assertThat(e.endpoints()).singleElement().satisfies(ep -> {
            assertThat(ep.taskId()).isEqualTo(T1);
            assertThat(ep.instanceId()).isEqualTo(H1);
            assertThat(ep.address()).isEqualTo("198.18.0.11");
            assertThat(ep.ports()).containsExactly(
                    new Endpoint.Port("web", 8080, "tcp", 32768),
                    new Endpoint.Port("web", 9090, "udp", 32769),
                    new Endpoint.Port("metrics", 9100, "tcp", 32770));
        });
    }

    @Test
    void endpointsAreOrderedByTaskIdAndCutAtTheLimitWithTheTotalKept() {
        List<Task> tasks = List.of(running(T3, container("web", RUNNING, UNKNOWN)),
                task(T2, H2, RUNNING, RUNNING, container("web", RUNNING, UNKNOWN)),
                running(T1, container("web", RUNNING, STARTING)));
        Endpoints all = EndpointsBuilder.build("prod", "web", tasks, INSTANCES, "127.0.0.1", 100);
        assertThat(all.endpoints()).extracting(Endpoint::taskId).containsExactly(T2, T3);
        assertThat(all.endpoints()).extracting(Endpoint::address).containsExactly("127.0.0.1", "198.18.0.11");
        assertThat(all.truncated()).isFalse();

        Endpoints cut = EndpointsBuilder.build("prod", "web", tasks, INSTANCES, "127.0.0.1", 1);
        assertThat(cut.endpoints()).extracting(Endpoint::taskId).containsExactly(T2);
        assertThat(cut.total()).isEqualTo(2);
        assertThat(cut.truncated()).isTrue();
    }

    @Test
    void sameTasksInAnotherOrderGiveEqualEndpoints() {
        Task a = running(T1, container("web", RUNNING, HEALTHY, HTTP));
        Task b = running(T2, container("web", RUNNING, HEALTHY, new PortMapping(8080, 32800, "tcp")));
        assertThat(EndpointsBuilder.build("prod", "web", List.of(a, b), INSTANCES, "127.0.0.1", 10))
                .isEqualTo(EndpointsBuilder.build("prod", "web", List.of(b, a), INSTANCES, "127.0.0.1", 10));
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> EndpointsBuilder.build("prod", "web", List.of(), INSTANCES, "127.0.0.1", -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
