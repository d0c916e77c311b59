package io.berth.reconciler.pass;

import io.berth.docker.ContainerState;
import io.berth.docker.FakeDockerEngine;
import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.model.HealthStatus;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.ServiceLoadBalancer;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.plan.Fixtures;
import io.berth.reconciler.store.TrafficStore;
import io.berth.reconciler.testing.InMemoryStateStore;
import io.berth.reconciler.traffic.HaproxySettings;
import io.berth.reconciler.traffic.HostTrouble;
import io.berth.reconciler.traffic.Listener;
import io.berth.reconciler.traffic.LoadBalancer;
import io.berth.reconciler.traffic.StatusMatcher;
import io.berth.reconciler.traffic.TargetGroup;
import io.berth.reconciler.traffic.TargetHealthCheck;
import io.berth.reconciler.traffic.TrafficProtocol;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.berth.reconciler.plan.Fixtures.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

/** The traffic pass against the fake engine: what it creates, writes, signals and removes. */
class TrafficPassTest {

    static final UUID INSTALLATION = UUID.fromString("11111111-2222-4333-8444-555555555555");
    final UUID host = Fixtures.id(1);
    final InMemoryStateStore store = new InMemoryStateStore();
    final FakeDockerEngine engine = new FakeDockerEngine("h1");
    final EngineRegistry engines = new EngineRegistry();
    final List<LoadBalancer> loadBalancers = new ArrayList<>();
    final TrafficStore traffic = new TrafficStore() {
        @Override
        public List<LoadBalancer> loadBalancers(String cluster) {
            return List.copyOf(loadBalancers);
        }

        @Override
        public List<TargetGroup> targetGroups(String cluster) {
            return List.of(new TargetGroup("web", TrafficProtocol.HTTP, new TargetHealthCheck(Optional.of("/"),
                    TargetHealthCheck.TRAFFIC_PORT, Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 2,
                    StatusMatcher.DEFAULT), Duration.ZERO));
        }

        @Override
        public List<ServiceTargets> servicesBehindLoadBalancers(String cluster) {
            return List.of(new ServiceTargets(Fixtures.SERVICE_ID, List.of(new ServiceLoadBalancer("web", "app", 8080))));
        }
    };
    final TrafficPass pass = new TrafficPass(store, traffic, engines, INSTALLATION, HaproxySettings.DEFAULTS);

    TrafficPassTest() {
        store.putInstance(Fixtures.instance(host, 2048, 4096));
        engines.register(host, engine);
    }

    void runningTask(int n, int hostPort) {
        store.insertTasks(List.of(Fixtures.task(Fixtures.id(100 + n), Fixtures.web(1)).on(host).containers(List.of(
                new TaskContainer("app", "d" + n, TaskStatus.RUNNING, null, null,
                        List.of(new PortMapping(8080, hostPort, "tcp"))))).build()));
    }

    List<ContainerState> balancers() {
        return engine.list(Map.of(TrafficPass.LOAD_BALANCER_LABEL, "edge"));
    }

    @Test
    void startsWithItsConfigurationReloadsOnANewTargetAndRemovesWithTheLoadBalancer() {
        assertThat(pass.reconcile(CLUSTER)).as("nothing to look after").isEmpty();

        loadBalancers.add(new LoadBalancer("edge", Optional.empty(),
                List.of(new Listener(8080, TrafficProtocol.HTTP, "web", List.of()))));
        runningTask(1, 32768);
        assertThat(pass.reconcile(CLUSTER)).contains(TrafficPass.RECHECK);
        assertThat(balancers()).singleElement().satisfies(c -> {
            assertThat(c.running()).isTrue();
            assertThat(c.labels()).containsEntry("berth.installation", INSTALLATION.toString())
                    .containsEntry("berth.cluster", CLUSTER).containsKey(TrafficPass.CONFIG_HASH_LABEL);
            assertThat(engine.specOf(c.id()).options().networkMode()).isEqualTo("host");
            assertThat(engine.fileOf(c.id(), HaproxySettings.CONFIG_PATH)).get().asString()
                    .contains("bind :8080").contains("127.0.0.1:32768");
            assertThat(engine.signalsOf(c.id())).isEmpty();
        });
        String id = balancers().getFirst().id();

        pass.reconcile(CLUSTER);
        assertThat(engine.signalsOf(id)).as("same configuration: no reload").isEmpty();

        List<List<String>> execs = new ArrayList<>();
        engine.onExec((container, command) -> {
            execs.add(command);
            return "";
        });
        runningTask(2, 32769);
        pass.reconcile(CLUSTER);
        assertThat(execs).as("server state saved for the new worker before the reload")
                .filteredOn(c -> c.contains(TrafficPass.SAVE_STATE)).singleElement()
                .satisfies(c -> assertThat(c).containsExactly("perl", "-e", TrafficPass.SAVE_STATE,
                        "/run/haproxy/admin.sock", "/run/haproxy/server-state"));
        assertThat(balancers()).singleElement().satisfies(c -> assertThat(c.id()).isEqualTo(id));
        assertThat(engine.fileOf(id, HaproxySettings.CONFIG_PATH)).get().asString().contains("127.0.0.1:32769");
        assertThat(engine.signalsOf(id)).containsExactly("SIGUSR2");
        pass.reconcile(CLUSTER);
        assertThat(engine.signalsOf(id)).as("written once").containsExactly("SIGUSR2");

        loadBalancers.clear();
        assertThat(pass.reconcile(CLUSTER)).isPresent();
        assertThat(balancers()).isEmpty();
        assertThat(pass.reconcile(CLUSTER)).isEmpty();
    }

    @Test
    void theTasksOfALostHostLeaveTheConfigurationAtTheNextPassNotDraining() {
        UUID second = Fixtures.id(2);
        store.putInstance(Fixtures.instance(second, 2048, 4096));
        engines.register(second, new FakeDockerEngine("h2"));
        java.util.Set<UUID> lost = new java.util.HashSet<>();
        TrafficPass watching = new TrafficPass(store, traffic, engines, INSTALLATION, HaproxySettings.DEFAULTS,
                TrafficObserver.NONE, java.time.Clock.systemUTC(), () -> HostTrouble.lostOnly(lost));
        loadBalancers.add(new LoadBalancer("edge", Optional.of("attribute:berth.instance-id == " + host),
                List.of(new Listener(8080, TrafficProtocol.HTTP, "web", List.of()))));
        runningTask(1, 32768);
        store.insertTasks(List.of(Fixtures.task(Fixtures.id(102), Fixtures.web(1)).on(second).containers(List.of(
                new TaskContainer("app", "d2", TaskStatus.RUNNING, null, null,
                        List.of(new PortMapping(8080, 32769, "tcp"))))).build()));
        watching.reconcile(CLUSTER);
        String id = balancers().getFirst().id();
        assertThat(engine.fileOf(id, HaproxySettings.CONFIG_PATH)).get().asString().contains(second + ":32769");

        lost.add(Fixtures.id(99)); // another host lost: nothing changes here
        watching.reconcile(CLUSTER);
        assertThat(engine.signalsOf(id)).isEmpty();

        lost.add(second);
        watching.reconcile(CLUSTER);
        assertThat(engine.fileOf(id, HaproxySettings.CONFIG_PATH)).get().asString()
                .as("the task of the lost host is no server, not even one with weight 0")
                .doesNotContain(":32769").contains("127.0.0.1:32768");
        assertThat(engine.signalsOf(id)).containsExactly("SIGUSR2");
    }

    @Test
    void aSilentHostIsNotAskedItsTargetsLeaveAtTheNextPassAndComeBackWhenItAnswers() {
        UUID second = Fixtures.id(2);
        FakeDockerEngine engine2 = new FakeDockerEngine("h2");
        store.putInstance(Fixtures.instance(second, 2048, 4096));
        engines.register(second, engine2);
        java.util.Map<UUID, java.time.Instant> silent = new java.util.HashMap<>();
        TrafficPass watching = new TrafficPass(store, traffic, engines, INSTALLATION, HaproxySettings.DEFAULTS,
                TrafficObserver.NONE, java.time.Clock.systemUTC(), () -> new HostTrouble(silent, java.util.Set.of()));
        loadBalancers.add(new LoadBalancer("edge", Optional.of("attribute:berth.instance-id == " + host),
                List.of(new Listener(8080, TrafficProtocol.HTTP, "web", List.of()))));
        runningTask(1, 32768);
        store.insertTasks(List.of(Fixtures.task(Fixtures.id(102), Fixtures.web(1)).on(second).containers(List.of(
                new TaskContainer("app", "d2", TaskStatus.RUNNING, null, null,
                        List.of(new PortMapping(8080, 32769, "tcp"))))).build()));
        watching.reconcile(CLUSTER);
        String id = balancers().getFirst().id();
        assertThat(engine.fileOf(id, HaproxySettings.CONFIG_PATH)).get().asString()
                .contains("127.0.0.1:32768").contains(second + ":32769");

        silent.put(second, java.time.Instant.parse("2026-12-07T20:00:00Z"));
        int listed = engine2.count(FakeDockerEngine.Op.LIST);
        watching.reconcile(CLUSTER);
        assertThat(engine2.count(FakeDockerEngine.Op.LIST))
                .as("a silent host is not asked: the call could hang for the connect timeout").isEqualTo(listed);
        assertThat(engine.fileOf(id, HaproxySettings.CONFIG_PATH)).get().asString()
                .as("the silent host's target leaves at once, the other stays").contains("127.0.0.1:32768")
                .doesNotContain(":32769");
        assertThat(engine.signalsOf(id)).containsExactly("SIGUSR2");

        TargetHealthReader reader = new TargetHealthReader(store, traffic, engines, INSTALLATION,
                HaproxySettings.DEFAULTS, () -> new HostTrouble(silent, java.util.Set.of()));
        engine.onExec((c, command) -> "");
        assertThat(reader.describe(CLUSTER, "web")).filteredOn(t -> t.instanceId().equals(second)).singleElement()
                .satisfies(t -> {
                    assertThat(t.health().state()).isEqualTo("unused");
                    assertThat(t.health().reason()).isEqualTo("Target.InvalidState");
                    assertThat(t.health().description()).contains("host-" + second).contains("has not answered since");
                });

        silent.clear();
        watching.reconcile(CLUSTER);
        assertThat(engine.fileOf(id, HaproxySettings.CONFIG_PATH)).get().asString().contains(second + ":32769");
    }

    @Test
    void aTaskIsRegisteredOnceItsContainerHealthCheckPasses() {
        loadBalancers.add(new LoadBalancer("edge", Optional.empty(),
                List.of(new Listener(8080, TrafficProtocol.HTTP, "web", List.of()))));
        java.util.function.Function<HealthStatus, List<TaskContainer>> app = health -> List.of(new TaskContainer("app",
                "d1", TaskStatus.RUNNING, null, null, List.of(new PortMapping(8080, 32768, "tcp")), health));
        store.insertTasks(List.of(Fixtures.task(Fixtures.id(101), Fixtures.web(1)).on(host)
                .containers(app.apply(HealthStatus.STARTING)).build()));
        pass.reconcile(CLUSTER);
        String id = balancers().getFirst().id();
        assertThat(engine.fileOf(id, HaproxySettings.CONFIG_PATH)).get().asString()
                .as("its check has not passed yet: no requests for it").doesNotContain("127.0.0.1:32768");

        store.recordContainers(Fixtures.id(101), app.apply(HealthStatus.HEALTHY), java.time.Instant.EPOCH);
        pass.reconcile(CLUSTER);
        assertThat(engine.fileOf(id, HaproxySettings.CONFIG_PATH)).get().asString().contains("127.0.0.1:32768");
    }

    @Test
    void targetHealthIsWhatHaproxyReports() throws java.io.IOException {
        TargetHealthReader reader = new TargetHealthReader(store, traffic, engines, INSTALLATION, HaproxySettings.DEFAULTS);
        runningTask(1, 32768);
        runningTask(2, 32769);
        assertThat(reader.describe(CLUSTER, "web")).extracting(t -> t.health().state())
                .as("no load balancer names the group").containsOnly("unused");

        loadBalancers.add(new LoadBalancer("edge", Optional.empty(),
                List.of(new Listener(8080, TrafficProtocol.HTTP, "web", List.of()))));
        pass.reconcile(CLUSTER);
        String csv;
        try (var in = getClass().getResourceAsStream("/io/berth/reconciler/traffic/show-stat-2.6.csv")) {
            csv = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String first = Fixtures.id(101).toString();
        String answer = csv.replace("g,t-a,", "group-web,t-" + first + ",");
        List<List<String>> asked = new ArrayList<>();
        engine.onExec((id, command) -> {
            asked.add(command);
            return answer;
        });
        var targets = reader.describe(CLUSTER, "web");
        assertThat(asked).singleElement().satisfies(c -> assertThat(c).startsWith("perl").endsWith("/run/haproxy/admin.sock"));
        assertThat(targets).hasSize(2);
        assertThat(targets).filteredOn(t -> t.taskId().equals(first)).singleElement().satisfies(t -> {
            assertThat(t.port()).isEqualTo(32768);
            assertThat(t.health().state()).isEqualTo("unhealthy");
            assertThat(t.health().description()).contains("Connection refused");
        });
        assertThat(targets).filteredOn(t -> !t.taskId().equals(first)).singleElement()
                .satisfies(t -> assertThat(t.health().state()).isEqualTo("initial"));

        engine.onExec((id, command) -> {
            throw new io.berth.docker.EngineException(io.berth.docker.EngineException.Kind.OTHER, "exec failed", null);
        });
        assertThat(reader.describe(CLUSTER, "web")).extracting(t -> t.health().state()).containsOnly("unavailable");
    }

    /** After each pass the observer hears what every running HAProxy said: counters, target health, who was silent. */
    @Test
    void eachPassReportsWhatItsHaproxiesSaidToTheObserver() throws java.io.IOException {
        List<io.berth.reconciler.traffic.TrafficStats> heard = new ArrayList<>();
        TrafficPass observed = new TrafficPass(store, traffic, engines, INSTALLATION, HaproxySettings.DEFAULTS,
                (cluster, stats) -> heard.add(stats));
        loadBalancers.add(new LoadBalancer("edge", Optional.empty(),
                List.of(new Listener(8080, TrafficProtocol.HTTP, "web", List.of()))));
        runningTask(1, 32768);
        observed.reconcile(CLUSTER);
        assertThat(heard.getLast().backends()).as("HAProxy just started: asked at the next pass").isEmpty();

        String csv;
        try (var in = getClass().getResourceAsStream("/io/berth/reconciler/traffic/show-stat-2.6.csv")) {
            csv = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String task = Fixtures.id(101).toString();
        String answer = csv.replace("g,t-a,", "group-web,t-" + task + ",").replace("g,BACKEND,", "group-web,BACKEND,");
        engine.onExec((id, command) -> command.contains(TrafficPass.SAVE_STATE) ? "" : answer);
        observed.reconcile(CLUSTER);
        assertThat(heard.getLast().backends()).singleElement().satisfies(b -> {
            assertThat(b.loadBalancer()).isEqualTo("edge");
            assertThat(b.targetGroup()).isEqualTo("web");
            assertThat(b.instanceId()).isEqualTo(host);
        });
        assertThat(heard.getLast().targets()).singleElement().satisfies(t -> {
            assertThat(t.taskId()).isEqualTo(task);
            assertThat(t.port()).isEqualTo(32768);
            assertThat(t.health().state()).isEqualTo("unhealthy");
        });

        engine.onExec((id, command) -> {
            throw new io.berth.docker.EngineException(io.berth.docker.EngineException.Kind.OTHER, "exec failed", null);
        });
        observed.reconcile(CLUSTER);
        assertThat(heard.getLast().silent()).containsExactly(
                new io.berth.reconciler.traffic.TrafficStats.BalancerInstance("edge", host));

        loadBalancers.clear();
        observed.reconcile(CLUSTER); // removes the HAProxy: nothing of it is reported
        assertThat(heard.getLast().backends()).isEmpty();
        assertThat(heard.getLast().silent()).isEmpty();
        assertThat(observed.reconcile(CLUSTER)).isEmpty();
        assertThat(heard.getLast()).isEqualTo(io.berth.reconciler.traffic.TrafficStats.EMPTY);
    }

    @Test
    void aStoppedHaproxyIsReplaced() {
        loadBalancers.add(new LoadBalancer("edge", Optional.empty(),
                List.of(new Listener(8080, TrafficProtocol.HTTP, "web", List.of()))));
        pass.reconcile(CLUSTER);
        String first = balancers().getFirst().id();
        engine.kill(first, 1);
        pass.reconcile(CLUSTER);
        assertThat(balancers()).singleElement().satisfies(c -> {
            assertThat(c.id()).isNotEqualTo(first);
            assertThat(c.running()).isTrue();
        });
    }

    /** A probe answer: "workers N", then show stat with the task's server in group-web at that weight and sessions. */
    static String probeAnswer(int workers, UUID task, int weight, int sessions) {
        return "workers " + workers + "\n"
                + "# pxname,svname,qcur,qmax,scur,smax,status,weight\n"
                + "listener-8080,FRONTEND,,,3,9,OPEN,\n"
                + "group-web," + io.berth.reconciler.traffic.ServerNames.of(task.toString()) + ",0,0," + sessions
                + ",4,UP," + weight + "\n"
                + "group-web,BACKEND,0,0,3,9,UP,1\n";
    }

    @Test
    void aStoppingTaskStaysWithWeightZeroAndItsDeregistrationAndDrainAreRecordedAsHaproxyConfirmsThem() {
        var clock = new io.berth.reconciler.testing.VirtualClock(java.time.Instant.parse("2026-12-07T10:00:00Z"));
        TrafficPass timed = new TrafficPass(store, traffic, engines, INSTALLATION, HaproxySettings.DEFAULTS,
                TrafficObserver.NONE, clock);
        List<UUID> told = new ArrayList<>();
        timed.onDrainProgress(told::add);
        loadBalancers.add(new LoadBalancer("edge", Optional.empty(),
                List.of(new Listener(8080, TrafficProtocol.HTTP, "web", List.of()))));
        runningTask(1, 32768);
        runningTask(2, 32769);
        UUID stopping = Fixtures.id(101);
        String[] answer = {probeAnswer(1, stopping, 1, 0)};
        List<String> probed = new ArrayList<>();
        engine.onExec((container, command) -> {
            if (!command.contains(HaproxyStatsClient.PROBE)) {
                return "";
            }
            probed.add(container);
            return answer[0];
        });
        timed.reconcile(CLUSTER);
        String id = balancers().getFirst().id();
        assertThat(engine.fileOf(id, HaproxySettings.CONFIG_PATH)).get().asString()
                .doesNotContain("weight 0");

        store.requestStop(stopping, io.berth.reconciler.model.StopCode.ServiceSchedulerInitiated, "scaled in",
                clock.instant());
        clock.advance(Duration.ofSeconds(1));
        timed.reconcile(CLUSTER);
        assertThat(engine.fileOf(id, HaproxySettings.CONFIG_PATH)).get().asString()
                .as("still in the configuration, getting no new requests").contains("127.0.0.1:32768 weight 0")
                .contains("127.0.0.1:32769\n");
        assertThat(engine.signalsOf(id)).containsExactly("SIGUSR2");
        assertThat(store.drains(List.of(stopping)).get(stopping).deregisteredAt())
                .as("the worker that answered still gives it weight 1").isNull();
        assertThat(told).isEmpty();

        answer[0] = probeAnswer(2, stopping, 0, 2);
        clock.advance(Duration.ofSeconds(2));
        probed.clear();
        timed.reconcile(CLUSTER);
        assertThat(probed).as("one exec per HAProxy and pass: its statistics and its drain state").hasSize(1);
        var drain = store.drains(List.of(stopping)).get(stopping);
        assertThat(drain.deregisteredAt()).isEqualTo(java.time.Instant.parse("2026-12-07T10:00:03Z"));
        assertThat(drain.drainedAt()).as("two requests in flight").isNull();
        assertThat(told).containsExactly(Fixtures.SERVICE_ID);

        answer[0] = probeAnswer(2, stopping, 0, 0);
        clock.advance(Duration.ofSeconds(2));
        timed.reconcile(CLUSTER);
        assertThat(store.drains(List.of(stopping)).get(stopping).drainedAt())
                .as("an old worker of the reload may still be finishing a request of it").isNull();

        engine.onExec((container, command) -> {
            throw new io.berth.docker.EngineException(io.berth.docker.EngineException.Kind.OTHER, "exec failed", null);
        });
        clock.advance(Duration.ofSeconds(2));
        timed.reconcile(CLUSTER);
        assertThat(store.drains(List.of(stopping)).get(stopping).drainedAt()).as("nobody answered").isNull();

        engine.onExec((container, command) -> command.contains(HaproxyStatsClient.PROBE) ? probeAnswer(1, stopping, 0, 0) : "");
        clock.advance(Duration.ofSeconds(2));
        timed.reconcile(CLUSTER);
        drain = store.drains(List.of(stopping)).get(stopping);
        assertThat(drain.drainedAt()).isEqualTo(java.time.Instant.parse("2026-12-07T10:00:09Z"));
        assertThat(drain.deregisteredAt()).as("written once").isEqualTo(java.time.Instant.parse("2026-12-07T10:00:03Z"));
        assertThat(told).containsExactly(Fixtures.SERVICE_ID, Fixtures.SERVICE_ID);
        assertThat(engine.signalsOf(id)).as("no reload after the one that drained it").containsExactly("SIGUSR2");
    }
}
