package io.berth.reconciler.traffic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The model refuses values that could change the meaning of a rendered configuration, and ELBv2's out-of-range ones. */
class TrafficModelTest {

    @ParameterizedTest
    @ValueSource(strings = {"/a b", "/a\nbackend evil", "/a'", "/a\"", "/a#c", "/$HOME", "/a\\b", "relative",
            "/a(b)", "/a\tb", "/a\u0000", "/ä"})
    void hostilePathsAreRefused(String path) {
        assertThat(TrafficNames.pathProblem(path)).isPresent();
        assertThatThrownBy(() -> new ListenerRule(Optional.of(path), Optional.empty(), "a"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.example.test", "a", "*.example.test", "x-1.y-2.z", "198.18.0.1"})
    void hostsThatAreDnsNamesAreAccepted(String host) {
        assertThat(TrafficNames.hostProblem(host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"API.example.test", "a b", "a\n", "-a.test", "a-.test", "a..test", "*", "a.*.test",
            "a'b", "exa mple", "a:80", ""})
    void hostilOrInvalidHostsAreRefused(String host) {
        assertThat(TrafficNames.hostProblem(host)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "auth", "my-group-1", "A1"})
    void namesAsElbv2(String name) {
        assertThat(TrafficNames.nameProblem(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-a", "a-", "a_b", "a.b", "abcdefghijabcdefghijabcdefghijabc", "a b", ""})
    void namesOutsideElbv2Rules(String name) {
        assertThat(TrafficNames.nameProblem(name)).isPresent();
    }

    @Test
    void matchersParseAndNormalise() {
        assertThat(StatusMatcher.parse("200").toString()).isEqualTo("200");
        assertThat(StatusMatcher.parse("200, 202 ,300-399").toString()).isEqualTo("200,202,300-399");
        assertThat(StatusMatcher.parse("200-399").matches(302)).isTrue();
        assertThat(StatusMatcher.parse("200-399").matches(404)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "200-", "-200", "399-200", "199", "500", "200;201", "2000", "200,,201",
            "200 201"})
    void badMatchers(String text) {
        assertThat(StatusMatcher.problem(text)).isPresent();
    }

    @Test
    void healthCheckBounds() {
        assertThat(TargetHealthCheck.problems(Duration.ofSeconds(5), Duration.ofSeconds(5), 2, 2))
                .contains("timeout must be shorter than the interval");
        assertThat(TargetHealthCheck.problems(Duration.ofSeconds(5), Duration.ofSeconds(2), 1, 2)).isPresent();
        assertThat(TargetHealthCheck.problems(Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 11)).isPresent();
        assertThat(TargetHealthCheck.problems(Duration.ofMillis(999), Duration.ofMillis(500), 2, 2)).isPresent();
        assertThat(TargetHealthCheck.problems(Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 2)).isEmpty();
    }

    @Test
    void listenersAreConsistent() {
        assertThatThrownBy(() -> new Listener(80, TrafficProtocol.TCP, "a",
                List.of(new ListenerRule(Optional.of("/"), Optional.empty(), "b"))))
                .hasMessageContaining("TCP listener");
        assertThatThrownBy(() -> new Listener(0, TrafficProtocol.HTTP, "a", List.of())).hasMessageContaining("port");
        assertThatThrownBy(() -> new ListenerRule(Optional.empty(), Optional.empty(), "a"))
                .hasMessageContaining("pathPrefix or a host");
        Listener l = new Listener(80, TrafficProtocol.HTTP, "a", List.of());
        assertThatThrownBy(() -> new LoadBalancer("lb", Optional.empty(), List.of(l, l)))
                .hasMessageContaining("twice");
    }

    @Test
    void targetGroupsMatchTheirChecks() {
        assertThatThrownBy(() -> new TargetGroup("a", TrafficProtocol.TCP,
                TargetHealthCheck.defaults(TrafficProtocol.HTTP), Duration.ZERO)).hasMessageContaining("TCP");
        assertThatThrownBy(() -> new TargetGroup("a", TrafficProtocol.HTTP,
                TargetHealthCheck.defaults(TrafficProtocol.TCP), Duration.ZERO)).hasMessageContaining("path");
        assertThatThrownBy(() -> new TargetGroup("a", TrafficProtocol.HTTP,
                TargetHealthCheck.defaults(TrafficProtocol.HTTP), Duration.ofSeconds(3601)))
                .hasMessageContaining("deregistrationDelay");
    }

    @Test
    void targetsRefuseHostileHostsAndIds() {
        assertThatThrownBy(() -> new Target("t", "10.0.0.1 backup", 80)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Target("t\nx", "10.0.0.1", 80)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Target("t", "10.0.0.1", 70000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serverNamesAreHaproxyIdentifiersAndDistinct() {
        assertThat(ServerNames.of("abc-1")).isEqualTo("t-abc-1");
        String odd = ServerNames.of("a/b c");
        assertThat(odd).matches("[A-Za-z0-9_.:-]+").startsWith("t-a_b_c-");
        assertThat(ServerNames.of("a/b")).isNotEqualTo(ServerNames.of("a_b"));
        assertThat(ServerNames.of("x".repeat(300))).hasSizeLessThan(70).isNotEqualTo(ServerNames.of("x".repeat(301)));
    }

    @Test
    void quotingRefusesWhatSingleQuotesCannotHold() {
        assertThat(HaproxyQuoting.single("/a")).isEqualTo("'/a'");
        assertThatThrownBy(() -> HaproxyQuoting.single("a'b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HaproxyQuoting.single("a\nb")).isInstanceOf(IllegalArgumentException.class);
    }
}
