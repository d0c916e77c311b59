package io.berth.reconciler.pass;

import io.berth.docker.ContainerSpec;
import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.docker.PullPolicy;
import io.berth.docker.RuntimeOptions;
import io.berth.reconciler.discovery.EndpointsBuilder;
import io.berth.reconciler.discovery.InstanceAddress;
import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ServiceLoadBalancer;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.store.StateStore;
import io.berth.reconciler.store.TrafficStore;
import io.berth.reconciler.traffic.BalancerHost;
import io.berth.reconciler.traffic.BalancerLoad;
import io.berth.reconciler.traffic.BalancerReport;
import io.berth.reconciler.traffic.HaproxyStats;
import io.berth.reconciler.traffic.HaproxyStatsReport;
import io.berth.reconciler.traffic.TrafficStats;
import io.berth.reconciler.traffic.TrafficStatsAggregator;
import io.berth.reconciler.traffic.HaproxySettings;
import io.berth.reconciler.traffic.HostTrouble;
import io.berth.reconciler.traffic.LoadBalancer;
import io.berth.reconciler.traffic.ObservedBalancer;
import io.berth.reconciler.traffic.Registration;
import io.berth.reconciler.traffic.TargetRotation;
import io.berth.reconciler.traffic.TrafficPlan;
import io.berth.reconciler.traffic.TrafficPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One pass over one cluster's load balancers: reads the desired load balancers, target groups and the RUNNING tasks
 * behind them, lists the HAProxy containers on each instance, asks {@link TrafficPlanner} what to change, and does
 * it through the instances' engines: create (configuration written before the start), rewrite + hitless reload
 * (SIGUSR2 to HAProxy's master), remove.
 *
 * <p>The pass runs again every {@link #RECHECK} while the cluster has load balancers or HAProxy containers: a task
 * that starts or stops is in the configuration within that, without a hook in every place a task changes state.
 *
 * <p>Connection draining: a task asked to stop stays a target with weight 0 until its containers stopped. Weight 0
 * in the rendered configuration (a reload), not {@code set server ... state drain} through the runtime API: the
 * configuration is what every later reload and every new HAProxy container starts from, so the drain cannot be
 * lost by one, and the pass stays one rule (render what should be, reload when it differs). The old worker a
 * reload leaves behind is what the drain check then has to wait for. After applying its plan the pass reads every
 * HAProxy it kept (one exec per container: its workers and {@code show stat}, for the statistics and the drain
 * check alike) and {@link DrainConfirmer} records what they confirm of the draining targets.
 */
public final class TrafficPass {

    private static final Logger log = LoggerFactory.getLogger(TrafficPass.class);

    /** Label naming the load balancer an HAProxy container serves. */
    public static final String LOAD_BALANCER_LABEL = "berth.load-balancer";
    /** Label with the hash of the configuration the container was created with. */
    public static final String CONFIG_HASH_LABEL = "berth.config-hash";
    /** HAProxy's master re-reads its configuration on SIGUSR2 and hands the listening sockets to a new worker. */
    static final String RELOAD_SIGNAL = "SIGUSR2";
    public static final Duration RECHECK = Duration.ofSeconds(2);
    /**
     * How long one HAProxy may take to answer "show stat" at the end of a pass. Short: the pass waits for it, and an
     * HAProxy that does not answer in time keeps what it said last (it is asked again two seconds later).
     */
    static final Duration STATS_TIMEOUT = Duration.ofSeconds(2);

    private final StateStore store;
    private final TrafficStore traffic;
    private final EngineRegistry engines;
    private final UUID installation;
    private final HaproxySettings settings;
    /** Hash of the configuration last written into each container: labels cannot change after creation. */
    private final Map<String, String> written = new ConcurrentHashMap<>();
    /** Per cluster: the targets out of rotation after the last pass ("task/group"), to log only what changed. */
    private final Map<String, Set<String>> outOfRotation = new ConcurrentHashMap<>();
    private final TrafficObserver observer;
    private final HaproxyStatsClient stats;
    private final DrainConfirmer drains;
    private final java.util.function.Supplier<HostTrouble> trouble;

    public TrafficPass(StateStore store, TrafficStore traffic, EngineRegistry engines, UUID installation,
                       HaproxySettings settings) {
        this(store, traffic, engines, installation, settings, TrafficObserver.NONE);
    }

    /** @param observer told, after every pass, what the cluster's HAProxies report (counters and target health) */
    public TrafficPass(StateStore store, TrafficStore traffic, EngineRegistry engines, UUID installation,
                       HaproxySettings settings, TrafficObserver observer) {
        this(store, traffic, engines, installation, settings, observer, Clock.systemUTC());
    }

    /** @param clock when deregistrations and drains are recorded */
    public TrafficPass(StateStore store, TrafficStore traffic, EngineRegistry engines, UUID installation,
                       HaproxySettings settings, TrafficObserver observer, Clock clock) {
        this(store, traffic, engines, installation, settings, observer, clock, () -> HostTrouble.NONE);
    }

    /**
     * @param trouble the hosts Berth cannot reach: a silent host's HAProxy containers are not listed (a cut-off
     *                host would hold the pass for the engine's connect timeout), and its targets leave every
     *                configuration at once as {@link io.berth.reconciler.traffic.TargetRotation} decides — lost
     *                hosts' always, a silent one's unless the group would have no target left
     */
    public TrafficPass(StateStore store, TrafficStore traffic, EngineRegistry engines, UUID installation,
                       HaproxySettings settings, TrafficObserver observer, Clock clock,
                       java.util.function.Supplier<HostTrouble> trouble) {
        this.trouble = trouble;
        this.observer = observer;
        this.stats = new HaproxyStatsClient(settings, STATS_TIMEOUT);
        this.drains = new DrainConfirmer(store, stats, clock);
        this.store = store;
        this.traffic = traffic;
        this.engines = engines;
        this.installation = installation;
        this.settings = settings;
    }

    /** Returns when to look again: empty once the cluster has neither load balancers nor HAProxy containers. */
    public Optional<Duration> reconcile(String cluster) {
        List<LoadBalancer> loadBalancers = traffic.loadBalancers(cluster);
        Map<UUID, DockerEngine> reachable = new LinkedHashMap<>();
        List<BalancerHost> hosts = new ArrayList<>();
        List<ObservedBalancer> observed = new ArrayList<>();
        HostTrouble troubleNow = trouble.get();
        Map<UUID, String> hostNames = new HashMap<>();
        for (ContainerInstance i : store.instances()) {
            if (!i.cluster().equals(cluster)) {
                continue;
            }
            hostNames.put(i.id(), i.hostname() == null ? i.id().toString() : i.hostname());
            Optional<DockerEngine> engine = engines.engine(i.id());
            if (engine.isEmpty()) {
                continue;
            }
            if (troubleNow.isSilent(i.id())) {
                // Not asked: a cut-off host holds a call for the engine's connect timeout, and the pass is what
                // takes its targets out of the other hosts' HAProxies. Its own HAProxy is left as it is.
                hosts.add(new BalancerHost(i.id(), addressOf(i), attributes(i), false));
                continue;
            }
            try {
                Map<String, String> filter = new HashMap<>(ContainerLabels.clusterFilter(installation, cluster));
                filter.put(LOAD_BALANCER_LABEL, null);
                for (ContainerState c : engine.get().list(filter)) {
                    String hash = written.getOrDefault(c.id(), c.labels().get(CONFIG_HASH_LABEL));
                    observed.add(new ObservedBalancer(c.id(), i.id(), c.labels().get(LOAD_BALANCER_LABEL),
                            c.running(), hash));
                }
            } catch (EngineException e) {
                // Unknown what runs there: neither start nor remove anything on it this pass.
                log.debug("instance {}: listing HAProxy containers failed: {}", i.id(), e.getMessage());
                continue;
            }
            reachable.put(i.id(), engine.get());
            hosts.add(new BalancerHost(i.id(), addressOf(i), attributes(i)));
        }
        if (loadBalancers.isEmpty() && observed.isEmpty()) {
            observer.observed(cluster, TrafficStats.EMPTY);
            return Optional.empty();
        }
        Registrations all = collect(store, traffic, cluster);
        TargetRotation.Rotation rotation = TargetRotation.of(all.list(), troubleNow, hostNames);
        logRotationChanges(cluster, rotation);
        // Everything below (configurations, statistics, drain checks) sees the targets in rotation only: a target of
        // a host Berth cannot reach has nothing to drain, and no HAProxy reports it.
        Registrations collected = new Registrations(rotation.in(), all.services());
        List<Registration> registrations = collected.list();
        TrafficPlan plan = TrafficPlanner.plan(loadBalancers, traffic.targetGroups(cluster), registrations,
                hosts, observed, settings);
        plan.problems().forEach(p -> log.warn("cluster {}: {}", cluster, p));
        // Removals first: a stopped HAProxy's name is free again before its replacement is created.
        List<TrafficPlan.Action> ordered = new ArrayList<>(plan.actions());
        ordered.sort(Comparator.comparingInt(a -> a instanceof TrafficPlan.RemoveBalancer ? 0 : 1));
        // The HAProxy containers that run after this pass, by load balancer: the ones that carry the targets.
        Map<String, List<DrainConfirmer.Carrier>> carriers = new HashMap<>();
        Set<String> removed = new HashSet<>();
        for (TrafficPlan.Action action : ordered) {
            DockerEngine engine = reachable.get(action.instanceId());
            try {
                Optional<String> started = execute(cluster, engine, action);
                if (action instanceof TrafficPlan.StartBalancer s && started.isPresent()) {
                    carriers.computeIfAbsent(s.loadBalancer(), k -> new ArrayList<>())
                            .add(new DrainConfirmer.Carrier(started.get(), engine));
                }
                if (action instanceof TrafficPlan.RemoveBalancer r) {
                    removed.add(r.containerId());
                }
            } catch (EngineException e) {
                log.warn("cluster {}: {} on instance {} failed (next pass retries): {}", cluster,
                        action.getClass().getSimpleName(), action.instanceId(), e.getMessage());
            }
        }
        Map<String, Optional<BalancerLoad>> loads = new HashMap<>();
        observer.observed(cluster, readStats(loadBalancers, registrations, observed, reachable, plan, loads));
        for (ObservedBalancer o : observed) {
            if (o.running() && !removed.contains(o.containerId()) && reachable.containsKey(o.instanceId())) {
                carriers.computeIfAbsent(o.loadBalancer(), k -> new ArrayList<>())
                        .add(new DrainConfirmer.Carrier(o.containerId(), reachable.get(o.instanceId())));
            }
        }
        drains.confirm(cluster, collected, loadBalancers, carriers, loads);
        return Optional.of(RECHECK);
    }

    /** Who is told that a service's stopping task was deregistered or drained (the loop enqueues the service). */
    public void onDrainProgress(Consumer<UUID> listener) {
        drains.onDrainProgress(listener);
    }

    /**
     * Asks every running HAProxy this pass kept for its statistics, one after the other, each bounded by
     * {@link #STATS_TIMEOUT}. Reading at the pass's cadence (every {@link #RECHECK}) rather than on each scrape keeps
     * scrapes and watchers from ever waiting on an engine, and gives every reader the same numbers.
     *
     * @param loads filled with what each container that answered said for the drain check (the same exec)
     */
    private TrafficStats readStats(List<LoadBalancer> loadBalancers, List<Registration> registrations,
                                   List<ObservedBalancer> observed, Map<UUID, DockerEngine> reachable, TrafficPlan plan,
                                   Map<String, Optional<BalancerLoad>> loads) {
        java.util.Set<String> removed = new java.util.HashSet<>();
        plan.actions().forEach(a -> {
            if (a instanceof TrafficPlan.RemoveBalancer r) {
                removed.add(r.containerId());
            }
        });
        List<BalancerReport> reports = new ArrayList<>();
        for (ObservedBalancer b : observed) {
            DockerEngine engine = reachable.get(b.instanceId());
            if (!b.running() || engine == null || removed.contains(b.containerId())) {
                continue;
            }
            HaproxyStatsReport report;
            try {
                String answer = stats.probe(engine, b.containerId(), STATS_TIMEOUT);
                loads.put(b.containerId(), BalancerLoad.parse(answer));
                report = HaproxyStats.parse(HaproxyStatsClient.showStatOf(answer));
            } catch (EngineException e) {
                log.debug("HAProxy {} of load balancer {} did not give its statistics: {}", b.containerId(),
                        b.loadBalancer(), e.getMessage());
                report = null;
            }
            reports.add(new BalancerReport(b.containerId(), b.instanceId(), b.loadBalancer(), report));
        }
        return TrafficStatsAggregator.aggregate(loadBalancers, registrations, reports);
    }

    /** Returns the id of the container a StartBalancer created. */
    private Optional<String> execute(String cluster, DockerEngine engine, TrafficPlan.Action action) {
        switch (action) {
            case TrafficPlan.StartBalancer s -> {
                log.info("cluster {}: starting HAProxy of load balancer {} on instance {}", cluster,
                        s.loadBalancer(), s.instanceId());
                engine.ensureImage(HaproxySettings.IMAGE, PullPolicy.PREFER_CACHED);
                String id = engine.create(spec(cluster, s));
                engine.writeFile(id, HaproxySettings.CONFIG_PATH, s.config().getBytes(StandardCharsets.UTF_8));
                engine.start(id);
                written.put(id, s.configHash());
                return Optional.of(id);
            }
            case TrafficPlan.Reconfigure r -> {
                log.info("cluster {}: new configuration for load balancer {} on instance {}, reloading HAProxy",
                        cluster, r.loadBalancer(), r.instanceId());
                saveServerState(engine, r.containerId());
                engine.writeFile(r.containerId(), HaproxySettings.CONFIG_PATH,
                        r.config().getBytes(StandardCharsets.UTF_8));
                engine.signal(r.containerId(), RELOAD_SIGNAL);
                written.put(r.containerId(), r.configHash());
            }
            case TrafficPlan.RemoveBalancer r -> {
                log.info("cluster {}: removing HAProxy container {} on instance {}: {}", cluster, r.containerId(),
                        r.instanceId(), r.reason());
                engine.remove(r.containerId());
                written.remove(r.containerId());
            }
        }
        return Optional.empty();
    }

    /**
     * Saves "show servers state" where the configuration's server-state-file points, so the new worker starts each
     * kept target in the health (and drain) state the old one knew: a target that is down stays down across the
     * reload instead of getting requests until its checks fail again. Best effort: without the file HAProxy starts
     * the servers afresh, which is what it would do anyway.
     */
    private void saveServerState(DockerEngine engine, String containerId) {
        try {
            engine.exec(containerId, List.of("perl", "-e", SAVE_STATE, settings.statsSocket(),
                    settings.serverStateFile()), Duration.ofSeconds(5), 1024);
        } catch (EngineException e) {
            log.warn("saving HAProxy's server state in {} failed; its targets start afresh: {}", containerId,
                    e.getMessage());
        }
    }

    /** Connects to the stats socket (first argument) and writes "show servers state" to the file (second), atomically. */
    static final String SAVE_STATE = "use IO::Socket::UNIX; my ($sock, $file) = @ARGV;"
            + " my $s = IO::Socket::UNIX->new(Peer => $sock) or die \"cannot connect to $sock: $!\\n\";"
            + " print $s \"show servers state\\n\"; open(my $f, '>', \"$file.tmp\") or die \"$file.tmp: $!\\n\";"
            + " print $f $_ while <$s>; close($f) or die; rename(\"$file.tmp\", $file) or die \"$file: $!\\n\";";

    private ContainerSpec spec(String cluster, TrafficPlan.StartBalancer s) {
        Map<String, String> labels = new LinkedHashMap<>(ContainerLabels.clusterFilter(installation, cluster));
        labels.put(LOAD_BALANCER_LABEL, s.loadBalancer());
        labels.put(CONFIG_HASH_LABEL, s.configHash());
        // Host networking: listeners bind on the host itself (every address it has), and targets on the same host
        // are its published ports on the loopback address.
        RuntimeOptions options = RuntimeOptions.builder().networkMode("host").build();
        return new ContainerSpec(containerName(cluster, s.loadBalancer()), HaproxySettings.IMAGE, null, null, null,
                labels, 0, 0, 0, null, null, false, Duration.ofSeconds(10), options);
    }

    /** Unique per engine even when two Berth installations share it. */
    String containerName(String cluster, String loadBalancer) {
        return "berth-lb-" + cluster + "-" + loadBalancer + "-" + installation.toString().substring(0, 8);
    }

    /**
     * RUNNING tasks of the services behind load balancers, at the host port their container port is published on.
     * A task asked to stop whose container still runs stays registered, draining (weight 0: no new requests, its
     * in-flight ones finish, health and counters stay visible) until its containers are stopped.
     */
    static List<Registration> registrations(StateStore store, TrafficStore traffic, String cluster) {
        return collect(store, traffic, cluster).list();
    }

    /** @param services the service of each registered task, by task id */
    record Registrations(List<Registration> list, Map<String, UUID> services) {
    }

    static Registrations collect(StateStore store, TrafficStore traffic, String cluster) {
        Map<UUID, List<ServiceLoadBalancer>> byService = new HashMap<>();
        traffic.servicesBehindLoadBalancers(cluster).forEach(s -> byService.put(s.serviceId(), s.loadBalancers()));
        if (byService.isEmpty()) {
            return new Registrations(List.of(), Map.of());
        }
        List<Registration> result = new ArrayList<>();
        Map<String, UUID> services = new HashMap<>();
        for (Task t : store.activeTasks(cluster)) {
            List<ServiceLoadBalancer> lbs = t.serviceId() == null ? null : byService.get(t.serviceId());
            if (lbs == null || t.lastStatus() != TaskStatus.RUNNING || t.instanceId() == null) {
                continue;
            }
            boolean draining = t.desiredStatus() != TaskStatus.RUNNING;
            // Registered once its health checks pass (as ECS): one still starting would get requests it cannot
            // answer yet. A task being stopped stays registered whatever its health, so that it is drained.
            if (!draining && !EndpointsBuilder.healthy(t)) {
                continue;
            }
            for (ServiceLoadBalancer lb : lbs) {
                lb.hostPortOf(t).ifPresent(port -> {
                    result.add(new Registration(lb.targetGroup(), t.id().toString(), t.instanceId(), port,
                            t.serviceName(), draining));
                    services.put(t.id().toString(), t.serviceId());
                });
            }
        }
        return new Registrations(result, services);
    }

    /** tcp://HOST:PORT -> HOST; a local socket has no address other hosts can reach. */
    static String addressOf(ContainerInstance i) {
        return InstanceAddress.ofEndpoint(i.endpoint());
    }

    private static Map<String, String> attributes(ContainerInstance i) {
        Map<String, String> a = new HashMap<>(i.attributes());
        a.put("berth.instance-id", i.id().toString());
        return a;
    }

    /**
     * A target leaving or coming back into rotation is logged once, when it happens (a host that stays silent would
     * otherwise repeat it every pass): what the log of a load test needs to show that a silent host's targets left.
     */
    private void logRotationChanges(String cluster, TargetRotation.Rotation rotation) {
        Set<String> now = new HashSet<>();
        rotation.out().forEach((r, health) -> {
            String key = r.taskId() + "/" + r.targetGroup();
            now.add(key);
            if (!outOfRotation.getOrDefault(cluster, Set.of()).contains(key)) {
                log.info("cluster {}: target {} of group {} out of rotation: {}", cluster, r.taskId(),
                        r.targetGroup(), health.description());
            }
        });
        for (String key : outOfRotation.getOrDefault(cluster, Set.of())) {
            if (!now.contains(key)) {
                log.info("cluster {}: target {} (task/group) back in rotation, or gone", cluster, key);
            }
        }
        outOfRotation.put(cluster, now);
    }
}
