package io.berth.reconciler.traffic;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.berth.reconciler.traffic.TrafficFixtures.edge;
import static io.berth.reconciler.traffic.TrafficFixtures.edgeGroups;
import static io.berth.reconciler.traffic.TrafficFixtures.edgeTargets;
import static io.berth.reconciler.traffic.TrafficFixtures.httpGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Table of models and the configuration lines (golden snippets) they must render to. */
class HaproxyConfigRendererTest {

    record Case(String name, LoadBalancer lb, List<TargetGroup> groups, Map<String, List<Target>> targets,
                String snippet) {
        @Override
        public String toString() {
            return name;
        }
    }

    static TargetGroup tcpGroup(String name) {
        return new TargetGroup(name, TrafficProtocol.TCP, new TargetHealthCheck(Optional.empty(), 9000,
                Duration.ofSeconds(10), Duration.ofSeconds(3), 3, 4, StatusMatcher.DEFAULT), Duration.ZERO);
    }

    static LoadBalancer single(Listener l) {
        return new LoadBalancer("lb", Optional.empty(), List.of(l));
    }

    /** Shared with {@link HaproxyAcceptsRenderedConfigTest}: every table case must also pass haproxy -c. */
    static Stream<Case> cases() {
        return Stream.of(
                new Case("global: runtime API, seamless reload, state file", edge(), edgeGroups(), edgeTargets(), """
                        global
                            master-worker
                            stats socket /run/haproxy/admin.sock mode 600 level admin expose-fd listeners
                            stats timeout 30s
                            hard-stop-after 300000ms
                            server-state-file /run/haproxy/server-state
                        """),
                new Case("defaults: timeouts, retries, redispatch", edge(), edgeGroups(), edgeTargets(), """
                        defaults
                            log global
                            timeout connect 5000ms
                            timeout client 60000ms
                            timeout server 60000ms
                            timeout http-request 10000ms
                            timeout queue 30000ms
                            retries 3
                            option redispatch 1
                            load-server-state-from-file global
                        """),
                new Case("frontend: rules in order, then the default", edge(), edgeGroups(), edgeTargets(), """
                        frontend listener-80
                            mode http
                            bind :80
                            option httplog
                            option forwardfor
                            option idle-close-on-response
                            acl rule0-path path_beg '/random/'
                            acl rule1-host req.hdr(host),field(1,:),lower -m str 'api.example.test'
                            use_backend group-random if rule0-path
                            use_backend group-auth if rule1-host
                            default_backend group-auth
                        """),
                new Case("backend: http check, matcher, retries of idempotent requests, servers by task id",
                        edge(), edgeGroups(), edgeTargets(), """
                        backend group-auth
                            mode http
                            balance roundrobin
                            option httpchk
                            http-check send meth GET uri '/health'
                            http-check expect status 200-399
                            retry-on conn-failure empty-response junk-response response-timeout 502 503 504
                            http-request disable-l7-retry unless METH_GET or METH_OPTIONS
                            timeout connect 1000ms
                            timeout check 2000ms
                            default-server check inter 5000ms fastinter 1000ms fall 2 rise 2 observe layer4 error-limit 1 on-error fail-check
                            server t-0a1b2c3d-0000-4000-8000-000000000001 198.18.0.12:32771
                            server t-7f1c0b1e-2c55-4f0e-9d7a-0d5c1a3b4e21 198.18.0.11:32768
                        """),
                new Case("a draining target keeps its place with weight 0", edge(), edgeGroups(), edgeTargets(),
                        "    server t-5e6f7a8b-1111-4111-8111-111111111111 198.18.0.13:32790 weight 0\n"),
                new Case("both conditions of a rule must hold; a wildcard host matches sub-domains",
                        single(new Listener(8080, TrafficProtocol.HTTP, "a", List.of(new ListenerRule(
                                Optional.of("/v1/"), Optional.of("*.example.test"), "b")))),
                        List.of(httpGroup("a"), httpGroup("b")), Map.of(), """
                            acl rule0-path path_beg '/v1/'
                            acl rule0-host req.hdr(host),field(1,:),lower -m end '.example.test'
                            use_backend group-b if rule0-path rule0-host
                            default_backend group-a
                        """),
                new Case("tcp: connect checks on a fixed port, no layer-7 retries",
                        single(new Listener(5432, TrafficProtocol.TCP, "db", List.of())), List.of(tcpGroup("db")),
                        Map.of("db", List.of(new Target("task-1", "10.0.0.5", 40000))), """
                        backend group-db
                            mode tcp
                            balance roundrobin
                            timeout connect 1000ms
                            timeout check 3000ms
                            default-server check inter 10000ms fastinter 1000ms fall 4 rise 3 observe layer4 error-limit 1 on-error fail-check port 9000
                            server t-task-1 10.0.0.5:40000
                        """),
                new Case("a group without targets is an empty backend (HAProxy answers 503)",
                        single(new Listener(81, TrafficProtocol.HTTP, "a", List.of())), List.of(httpGroup("a")),
                        Map.of(), """
                            default-server check inter 5000ms fastinter 1000ms fall 2 rise 2 observe layer4 error-limit 1 on-error fail-check
                        """),
                new Case("a group's own connect timeout; a check interval under a second is the fast one too",
                        single(new Listener(84, TrafficProtocol.HTTP, "a", List.of())), List.of(new TargetGroup("a",
                                TrafficProtocol.HTTP, new TargetHealthCheck(Optional.of("/"),
                                TargetHealthCheck.TRAFFIC_PORT, Duration.ofSeconds(1), Duration.ofMillis(500), 2, 2,
                                StatusMatcher.DEFAULT), Duration.ZERO, Duration.ofMillis(250))), Map.of(), """
                            timeout connect 250ms
                            timeout check 500ms
                            default-server check inter 1000ms fastinter 1000ms fall 2 rise 2 observe layer4 error-limit 1 on-error fail-check
                        """),
                new Case("a single code and code lists render as HAProxy's status list",
                        single(new Listener(82, TrafficProtocol.HTTP, "a", List.of())), List.of(new TargetGroup("a",
                                TrafficProtocol.HTTP, new TargetHealthCheck(Optional.of("/"), 8081,
                                Duration.ofSeconds(30), Duration.ofSeconds(5), 5, 2,
                                StatusMatcher.parse("200,202-204")), Duration.ofSeconds(400))), Map.of(), """
                            http-check expect status 200,202-204
                        """),
                new Case("hard-stop-after is at least the longest deregistration delay",
                        single(new Listener(82, TrafficProtocol.HTTP, "a", List.of())), List.of(new TargetGroup("a",
                                TrafficProtocol.HTTP, TargetHealthCheck.defaults(TrafficProtocol.HTTP),
                                Duration.ofSeconds(400))), Map.of(), """
                            hard-stop-after 400000ms
                        """),
                new Case("task ids outside HAProxy's identifier characters are mapped and hashed",
                        single(new Listener(83, TrafficProtocol.HTTP, "a", List.of())), List.of(httpGroup("a")),
                        Map.of("a", List.of(new Target("arn:aws:ecs:x:1:task/c/abc+def", "10.0.0.1", 1))), """
                            server t-arn:aws:ecs:x:1:task_c_abc_def-""")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersTheSnippet(Case c) {
        String cfg = HaproxyConfigRenderer.render(c.lb(), c.groups(), c.targets());
        assertThat(cfg).contains(c.snippet());
    }

    @Test
    void theSameInputRendersTheSameText() {
        assertThat(HaproxyConfigRenderer.render(edge(), edgeGroups(), edgeTargets()))
                .isEqualTo(HaproxyConfigRenderer.render(edge(), List.copyOf(edgeGroups()).reversed(), edgeTargets()));
    }

    @Test
    void onlyGroupsTheListenersUseBecomeBackends() {
        String cfg = HaproxyConfigRenderer.render(single(new Listener(80, TrafficProtocol.HTTP, "a", List.of())),
                List.of(httpGroup("a"), httpGroup("unused")), Map.of());
        assertThat(cfg).contains("backend group-a").doesNotContain("group-unused");
    }

    @Test
    void refusesAListenerNamingAMissingGroup() {
        assertThatThrownBy(() -> HaproxyConfigRenderer.render(edge(), List.of(httpGroup("auth")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("random");
    }

    @Test
    void refusesAnHttpListenerInFrontOfATcpGroup() {
        assertThatThrownBy(() -> HaproxyConfigRenderer.render(single(new Listener(80, TrafficProtocol.HTTP, "db",
                List.of())), List.of(tcpGroup("db")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TCP");
    }

    @Test
    void theFastIntervalIsTheIntervalUpToOneSecond() {
        for (int[] row : new int[][] {{1000, 1000}, {2000, 1000}, {30000, 1000}, {300000, 1000}}) {
            TargetHealthCheck hc = new TargetHealthCheck(Optional.of("/"), TargetHealthCheck.TRAFFIC_PORT,
                    Duration.ofMillis(row[0]), Duration.ofMillis(500), 2, 2, StatusMatcher.DEFAULT);
            assertThat(HaproxyConfigRenderer.fastInterval(hc)).as("interval %d ms", row[0])
                    .isEqualTo(Duration.ofMillis(row[1]));
        }
    }

    @Test
    void refusesAConnectTimeoutOutsideItsBounds() {
        for (Duration d : new Duration[] {null, Duration.ZERO, Duration.ofMillis(99), Duration.ofSeconds(61)}) {
            assertThatThrownBy(() -> new TargetGroup("a", TrafficProtocol.TCP,
                    TargetHealthCheck.defaults(TrafficProtocol.TCP), Duration.ZERO, d))
                    .as("connect timeout %s", d).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("connectTimeout");
        }
    }

    @Test
    void refusesATaskListedTwiceInOneGroup() {
        Target t = new Target("t1", "10.0.0.1", 1);
        assertThatThrownBy(() -> HaproxyConfigRenderer.render(single(new Listener(80, TrafficProtocol.HTTP, "a",
                List.of())), List.of(httpGroup("a")), Map.of("a", List.of(t, t))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }
}
