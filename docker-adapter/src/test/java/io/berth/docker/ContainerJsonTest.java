package io.berth.docker;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DockerClientConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ContainerJson} reads the engine's answers as docker-java's model plus {@link StateMapper} do: each case
 * feeds the same bytes to both and expects equal {@link ContainerState}s. The shapes are Engine 20.10's (API 1.41),
 * including the odd corners: null Labels/Ports, unpublished ports, both address families, health logs, nested
 * fields the mapping must skip. {@code ContainerReadsEngineTest} does the same with live answers of real containers.
 */
class ContainerJsonTest {

    private static final ObjectMapper DOCKER_JAVA = DockerClientConfig.getDefaultObjectMapper();

    static List<ContainerState> viaDockerJava(String listJson) throws IOException {
        List<Container> containers = DOCKER_JAVA.readValue(listJson, new TypeReference<List<Container>>() { });
        return containers.stream().map(StateMapper::fromList).toList();
    }

    static ContainerState inspectedViaDockerJava(String inspectJson) throws IOException {
        return StateMapper.fromInspect(DOCKER_JAVA.readValue(inspectJson, InspectContainerResponse.class));
    }

    private static List<ContainerState> list(String json) throws IOException {
        return ContainerJson.list(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static ContainerState inspect(String json) throws IOException {
        return ContainerJson.inspect(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String LIST = """
            [
              {"Id":"aaa","Names":["/web-1"],"Image":"busybox:1.36","ImageID":"sha256:1","Command":"sh -c x",
               "Created":1700000000,"Ports":[{"IP":"::","PrivatePort":8080,"PublicPort":49154,"Type":"tcp"},
                 {"IP":"0.0.0.0","PrivatePort":8080,"PublicPort":49153,"Type":"tcp"},
                 {"PrivatePort":9090,"Type":"tcp"},{"IP":"0.0.0.0","PrivatePort":53,"PublicPort":5353,"Type":"udp"}],
               "Labels":{"berth.task-id":"0b7c","berth.service":"web","empty":""},
               "State":"running","Status":"Up 3 minutes (healthy)",
               "HostConfig":{"NetworkMode":"default"},
               "NetworkSettings":{"Networks":{"bridge":{"IPAMConfig":null,"Links":null,"Aliases":null,"NetworkID":"n",
                 "EndpointID":"e","Gateway":"172.17.0.1","IPAddress":"172.17.0.2","IPPrefixLen":16,"MacAddress":"02:42"}}},
               "Mounts":[{"Type":"volume","Name":"v","Source":"","Destination":"/data","Driver":"local","Mode":"z","RW":true,"Propagation":""}]},
              {"Id":"bbb","Names":["/web-2","/alias"],"Image":"sha256:2","ImageID":"sha256:2","Command":"",
               "Created":1700000001,"Ports":[],"Labels":{},"State":"exited","Status":"Exited (3) 2 seconds ago",
               "HostConfig":{},"NetworkSettings":{"Networks":{}},"Mounts":[]},
              {"Id":"ccc","Names":null,"Image":"x","Ports":null,"Labels":null,"State":"created","Status":"Created"},
              {"Id":"ddd","Names":["/starting"],"Image":"x","Labels":{"a":"b"},"State":"running","Status":"Up 1 second (health: starting)"},
              {"Id":"eee","Names":["/sick"],"Image":"x","State":"running","Status":"Up 9 seconds (unhealthy)"}
            ]
            """;

    @Test
    void aListAnswerReadsAsDockerJavaReadsIt() throws IOException {
        List<ContainerState> ours = list(LIST);

        assertThat(ours).isEqualTo(viaDockerJava(LIST));
        ContainerState web = ours.getFirst();
        assertThat(web.name()).isEqualTo("web-1");
        assertThat(web.running()).isTrue();
        assertThat(web.health()).isEqualTo(ContainerState.Health.HEALTHY);
        // the IPv4 binding wins over the IPv6 one listed first (moby#42442); the unpublished 9090 is not a binding
        assertThat(web.ports()).containsExactly(new ContainerSpec.PortBinding(53, 5353, "udp"),
                new ContainerSpec.PortBinding(8080, 49153, "tcp"));
        assertThat(web.labels()).containsEntry("empty", "").containsEntry("berth.service", "web");
        assertThat(ours.get(1).status()).isEqualTo("exited");
        assertThat(ours.get(1).exitCode()).isNull(); // not in a list answer: inspect tells
        assertThat(ours.get(2).name()).isNull();
        assertThat(ours.get(2).labels()).isEmpty();
        assertThat(ours.get(3).health()).isEqualTo(ContainerState.Health.STARTING);
        assertThat(ours.get(4).health()).isEqualTo(ContainerState.Health.UNHEALTHY);
    }

    @Test
    void anEmptyListIsEmpty() throws IOException {
        assertThat(list("[]")).isEmpty();
    }

    private static final String EXITED = """
            {"Id":"abc","Created":"2026-11-22T10:00:00.1Z","Path":"sh","Args":["-c","exit 3"],
             "State":{"Status":"exited","Running":false,"Paused":false,"Restarting":false,"OOMKilled":false,"Dead":false,
               "Pid":0,"ExitCode":3,"Error":"","StartedAt":"2026-11-22T10:00:01.123456789Z","FinishedAt":"2026-11-22T10:00:02.5Z",
               "Health":{"Status":"unhealthy","FailingStreak":3,"Log":[{"Start":"2026-11-22T10:00:01Z","End":"2026-11-22T10:00:01Z","ExitCode":1,"Output":"{\\"nested\\": [1, {\\"x\\": 2}]}"}]}},
             "Image":"sha256:deadbeef","Name":"/web-abc","RestartCount":0,
             "HostConfig":{"PortBindings":{"8080/tcp":[{"HostIp":"","HostPort":"8080"}]},"Memory":33554432,"Init":true},
             "Config":{"Hostname":"abc","Env":["A=1"],"Cmd":["sh"],"Image":"busybox:1.36","Labels":{"berth.task-id":"t1","k":"v"},
               "Healthcheck":{"Test":["CMD-SHELL","true"],"Interval":1000000000},"ExposedPorts":{"8080/tcp":{}}},
             "NetworkSettings":{"Bridge":"","SandboxID":"s","Ports":{},"Networks":{"bridge":{"IPAddress":""}}}}
            """;

    private static final String RUNNING = """
            {"Id":"def","State":{"Status":"running","Running":true,"OOMKilled":false,"ExitCode":0,"Error":"",
               "StartedAt":"2026-11-22T10:00:01Z","FinishedAt":"0001-01-01T00:00:00Z","Health":{"Status":"healthy","Log":[]}},
             "Image":"sha256:1","Name":"/web-def","Config":{"Image":"nginx","Labels":null},
             "NetworkSettings":{"Ports":{"8080/tcp":[{"HostIp":"::","HostPort":"49160"},{"HostIp":"0.0.0.0","HostPort":"49159"}],
               "53/udp":[{"HostIp":"0.0.0.0","HostPort":"5353"}],"9090/tcp":null,"7000/sctp":[{"HostIp":"0.0.0.0","HostPort":"7000"}]}}}
            """;

    private static final String OOM_KILLED_NEVER_STARTED = """
            {"Id":"ghi","State":{"Status":"created","Running":false,"OOMKilled":true,"ExitCode":0,
               "Error":"OCI runtime create failed: no such file","StartedAt":"0001-01-01T00:00:00Z","FinishedAt":"garbage"},
             "Image":"sha256:9","Name":"/x","NetworkSettings":{"Ports":null}}
            """;

    @Test
    void inspectAnswersReadAsDockerJavaReadsThem() throws IOException {
        for (String json : List.of(EXITED, RUNNING, OOM_KILLED_NEVER_STARTED)) {
            assertThat(inspect(json)).as(json).isEqualTo(inspectedViaDockerJava(json));
        }
        ContainerState exited = inspect(EXITED);
        assertThat(exited.exitCode()).isEqualTo(3);
        assertThat(exited.image()).isEqualTo("busybox:1.36");
        assertThat(exited.labels()).isEqualTo(Map.of("berth.task-id", "t1", "k", "v"));
        assertThat(exited.health()).isEqualTo(ContainerState.Health.UNHEALTHY);
        assertThat(exited.startedAt()).hasToString("2026-11-22T10:00:01.123456789Z");

        ContainerState running = inspect(RUNNING);
        assertThat(running.exitCode()).as("ExitCode 0 of a running container is no exit").isNull();
        assertThat(running.finishedAt()).isNull();
        assertThat(running.ports()).containsExactly(new ContainerSpec.PortBinding(53, 5353, "udp"),
                new ContainerSpec.PortBinding(7000, 7000, "sctp"), new ContainerSpec.PortBinding(8080, 49159, "tcp"));

        ContainerState never = inspect(OOM_KILLED_NEVER_STARTED);
        assertThat(never.error()).startsWith("OCI runtime create failed");
        assertThat(never.oomKilled()).isTrue();
        assertThat(never.image()).as("without Config, the image id").isEqualTo("sha256:9");
        assertThat(never.finishedAt()).as("unparsable time").isNull();
    }

    @Test
    void aTruncatedOrForeignAnswerIsAnErrorNotAnEmptyResult() {
        assertThatThrownBy(() -> list("{\"message\":\"page not found\"}")).isInstanceOf(IOException.class)
                .hasMessageContaining("container list");
        assertThatThrownBy(() -> list("[{\"Id\":\"a\",\"Names\":[\"/x\"")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> inspect("[]")).isInstanceOf(IOException.class).hasMessageContaining("container inspect");
    }

    @Test
    void theLabelFilterIsEncodedAsDockerJavaEncodesIt() {
        String path = ContainerReads.listPath("/v1.41", new java.util.LinkedHashMap<>(Map.of("b", "2", "a", "")));
        assertThat(java.net.URLDecoder.decode(path, StandardCharsets.UTF_8))
                .isEqualTo("/v1.41/containers/json?all=true&filters={\"label\":[\"a\",\"b=2\"]}");
        assertThat(ContainerReads.listPath("", Map.of())).isEqualTo("/containers/json?all=true");
        String quoted = java.net.URLDecoder.decode(ContainerReads.listPath("", Map.of("k", "a\"b\\c")), StandardCharsets.UTF_8);
        assertThat(quoted).endsWith("{\"label\":[\"k=a\\\"b\\\\c\"]}");
    }

    @Test
    void errorAnswersBecomeDockerJavasExceptionsSoEngineErrorsSortsThemAsBefore() {
        String body = "{\"message\":\"No such container: abc\"}";
        EngineException notFound = EngineErrors.translate("inspect abc", ContainerReads.errorOf(404, body));
        assertThat(notFound.kind()).isEqualTo(EngineException.Kind.NOT_FOUND);
        assertThat(EngineErrors.translate("list", ContainerReads.errorOf(500, "{\"message\":\"boom\"}")).kind())
                .isEqualTo(EngineException.Kind.OTHER);
        assertThat(EngineErrors.translate("list", ContainerReads.errorOf(404, "<html>nginx</html>")).kind())
                .as("a 404 without Docker's error body is not 'no such container'").isEqualTo(EngineException.Kind.UNREACHABLE);
        assertThat(EngineErrors.translate("list", ContainerReads.errorOf(409, "{\"message\":\"busy\"}")).kind())
                .isEqualTo(EngineException.Kind.CONFLICT);
    }
}
