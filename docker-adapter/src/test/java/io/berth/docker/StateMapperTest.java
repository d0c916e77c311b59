package io.berth.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Mapping of engine answers, fed with JSON shaped like Engine 20.10's. */
class StateMapperTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void inspectOfAnOomKilledContainer() throws Exception {
        InspectContainerResponse r = json.readValue("""
                {"Id":"abc","Name":"/web-1",
                 "State":{"Status":"exited","Running":false,"OOMKilled":true,"ExitCode":137,"Error":"",
                          "StartedAt":"2026-01-02T03:04:05.123456789Z","FinishedAt":"2026-01-02T03:04:06Z",
                          "Health":{"Status":"unhealthy","FailingStreak":3}},
                 "Config":{"Image":"busybox:1.36","Labels":{"berth.task":"t1"}},
                 "NetworkSettings":{"Ports":{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"49153"},{"HostIp":"::","HostPort":"49153"}],
                                             "53/udp":null}}}""", InspectContainerResponse.class);

        ContainerState s = StateMapper.fromInspect(r);

        assertThat(s.id()).isEqualTo("abc");
        assertThat(s.name()).isEqualTo("web-1");
        assertThat(s.image()).isEqualTo("busybox:1.36");
        assertThat(s.labels()).isEqualTo(Map.of("berth.task", "t1"));
        assertThat(s.status()).isEqualTo("exited");
        assertThat(s.running()).isFalse();
        assertThat(s.exitCode()).isEqualTo(137);
        assertThat(s.oomKilled()).isTrue();
        assertThat(s.health()).isEqualTo(ContainerState.Health.UNHEALTHY);
        assertThat(s.error()).isNull();
        assertThat(s.ports()).containsExactly(new ContainerSpec.PortBinding(80, 49153, "tcp"));
        assertThat(s.startedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456789Z"));
        assertThat(s.finishedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:06Z"));
    }

    @Test
    void inspectOfACreatedContainerHasNoExitCodeAndNoTimes() throws Exception {
        InspectContainerResponse r = json.readValue("""
                {"Id":"abc","Name":"/x","State":{"Status":"created","Running":false,"ExitCode":0,
                 "StartedAt":"0001-01-01T00:00:00Z","FinishedAt":"0001-01-01T00:00:00Z","Error":"no such file"},
                 "Config":{"Image":"busybox:1.36"}}""", InspectContainerResponse.class);

        ContainerState s = StateMapper.fromInspect(r);

        assertThat(s.exitCode()).isNull();
        assertThat(s.startedAt()).isNull();
        assertThat(s.finishedAt()).isNull();
        assertThat(s.health()).isEqualTo(ContainerState.Health.NONE);
        assertThat(s.error()).isEqualTo("no such file");
        assertThat(s.ports()).isEmpty();
    }

    @Test
    void listEntryIsTheCheapView() throws Exception {
        Container c = json.readValue("""
                {"Id":"abc","Names":["/web-1"],"Image":"busybox:1.36","State":"running",
                 "Status":"Up 3 minutes (healthy)","Labels":{"berth.test":"true"},
                 "Ports":[{"IP":"0.0.0.0","PrivatePort":80,"PublicPort":49153,"Type":"tcp"},
                          {"IP":"::","PrivatePort":80,"PublicPort":49153,"Type":"tcp"},
                          {"PrivatePort":443,"Type":"tcp"}]}""", Container.class);

        ContainerState s = StateMapper.fromList(c);

        assertThat(s.name()).isEqualTo("web-1");
        assertThat(s.running()).isTrue();
        assertThat(s.health()).isEqualTo(ContainerState.Health.HEALTHY);
        assertThat(s.exitCode()).isNull(); // documented: inspect for details
        assertThat(s.ports()).containsExactly(new ContainerSpec.PortBinding(80, 49153, "tcp"));
    }

    @Test
    void differentDynamicPortsPerAddressFamilyKeepTheIpv4One() throws Exception {
        // Engine 20.10 (moby#42442) may bind :: and 0.0.0.0 to different dynamic host ports.
        InspectContainerResponse r = json.readValue("""
                {"Id":"abc","Name":"/x","State":{"Status":"running","Running":true},"Config":{"Image":"busybox:1.36"},
                 "NetworkSettings":{"Ports":{"8080/tcp":[{"HostIp":"::","HostPort":"32859"},{"HostIp":"0.0.0.0","HostPort":"32862"}]}}}""",
                InspectContainerResponse.class);
        Container c = json.readValue("""
                {"Id":"abc","Names":["/x"],"Image":"busybox:1.36","State":"running","Status":"Up 1 second",
                 "Ports":[{"IP":"::","PrivatePort":8080,"PublicPort":32859,"Type":"tcp"},
                          {"IP":"0.0.0.0","PrivatePort":8080,"PublicPort":32862,"Type":"tcp"}]}""", Container.class);

        assertThat(StateMapper.fromInspect(r).ports()).containsExactly(new ContainerSpec.PortBinding(8080, 32862, "tcp"));
        assertThat(StateMapper.fromList(c).ports()).containsExactly(new ContainerSpec.PortBinding(8080, 32862, "tcp"));
    }

    @Test
    void healthFromStatusText() {
        assertThat(StateMapper.healthFromStatusText("Up 2 seconds (health: starting)")).isEqualTo(ContainerState.Health.STARTING);
        assertThat(StateMapper.healthFromStatusText("Up 1 minute (unhealthy)")).isEqualTo(ContainerState.Health.UNHEALTHY);
        assertThat(StateMapper.healthFromStatusText("Exited (137) 5 seconds ago")).isEqualTo(ContainerState.Health.NONE);
        assertThat(StateMapper.healthFromStatusText(null)).isEqualTo(ContainerState.Health.NONE);
    }

    @Test
    void timesParseAndZeroTimeIsNull() {
        assertThat(StateMapper.instant("0001-01-01T00:00:00Z")).isNull();
        assertThat(StateMapper.instant("")).isNull();
        assertThat(StateMapper.instant("garbage")).isNull();
        assertThat(StateMapper.instant("2026-05-01T10:00:00.5Z")).isEqualTo(Instant.parse("2026-05-01T10:00:00.500Z"));
    }

    @Test
    void healthStatusEventSplitsActionAndDetailAndKeepsOnlyLabels() throws Exception {
        Event e = json.readValue("""
                {"Type":"container","Action":"health_status: healthy","status":"health_status: healthy","id":"abc",
                 "Actor":{"ID":"abc","Attributes":{"image":"busybox:1.36","name":"web-1","berth.task":"t1"}},
                 "time":1767225600,"timeNano":1767225600123456789}""", Event.class);

        EngineEvent mapped = EventMapper.map(e);

        assertThat(mapped.containerId()).isEqualTo("abc");
        assertThat(mapped.action()).isEqualTo("health_status");
        assertThat(mapped.detail()).isEqualTo("healthy");
        assertThat(mapped.labels()).isEqualTo(Map.of("berth.task", "t1"));
        assertThat(mapped.time()).isEqualTo(Instant.ofEpochSecond(1767225600L, 123456789L));
    }

    @Test
    void dieEventHasNoDetail() throws Exception {
        Event e = json.readValue("""
                {"Type":"container","Action":"die","id":"abc",
                 "Actor":{"ID":"abc","Attributes":{"exitCode":"137","berth.task":"t1"}},"time":1767225600}""", Event.class);

        EngineEvent mapped = EventMapper.map(e);

        assertThat(mapped.action()).isEqualTo("die");
        assertThat(mapped.detail()).isNull();
        assertThat(mapped.labels()).containsOnlyKeys("berth.task");
        assertThat(List.of(mapped.time())).containsExactly(Instant.ofEpochSecond(1767225600L));
    }
}
