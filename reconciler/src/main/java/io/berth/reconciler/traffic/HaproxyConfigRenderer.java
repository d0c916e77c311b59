package io.berth.reconciler.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders one load balancer, its target groups and their targets as an haproxy.cfg: a pure function, the same
 * inputs give the same text byte for byte (so "did the configuration change?" is a string comparison).
 *
 * <p>Shape: {@code global} (master-worker, runtime API socket, server-state file, hard-stop-after); {@code defaults}
 * (timeouts, retries, redispatch, loading the server state); one {@code frontend listener-PORT} per listener with
 * one ACL per rule condition and {@code use_backend} lines in rule order; one {@code backend group-NAME} per target
 * group a listener uses, with its health check as {@code option httpchk} / {@code http-check} lines and
 * {@code default-server} parameters, and one {@code server} per target named by {@link ServerNames}.
 */
public final class HaproxyConfigRenderer {

    /** Replies to requests that fail on the way to a server (connection refused, reset, empty, 502-504). */
    static final String RETRY_ON = "conn-failure empty-response junk-response response-timeout 502 503 504";

    private HaproxyConfigRenderer() {
    }

    /**
     * @param groups  target groups by name; every group a listener names must be here, with the listener's protocol
     * @param targets targets per group name; groups without an entry have none
     * @throws IllegalArgumentException when a listener names a missing group, protocols differ, or a group lists a
     *                                  task twice: inconsistent input, which manifest validation rules out
     */
    public static String render(LoadBalancer lb, Collection<TargetGroup> groups, Map<String, List<Target>> targets,
                                HaproxySettings settings) {
        Map<String, TargetGroup> byName = new HashMap<>();
        groups.forEach(g -> byName.put(g.name(), g));
        List<TargetGroup> used = new ArrayList<>();
        for (String name : lb.targetGroupNames()) {
            TargetGroup g = byName.get(name);
            if (g == null) {
                throw new IllegalArgumentException("load balancer " + lb.name() + " names target group " + name
                        + ", which is not given");
            }
            used.add(g);
        }
        for (Listener l : lb.listeners()) {
            for (String name : groupsOf(l)) {
                if (byName.get(name).protocol() != l.protocol()) {
                    throw new IllegalArgumentException("listener " + l.port() + " is " + l.protocol()
                            + " but target group " + name + " is " + byName.get(name).protocol());
                }
            }
        }

        StringBuilder out = new StringBuilder();
        out.append("# Written by Berth for load balancer ").append(lb.name())
                .append(". Berth rewrites this file; changes made here are lost.\n");
        global(out, settings, used);
        defaults(out, settings);
        for (Listener l : lb.listeners()) {
            frontend(out, l);
        }
        for (TargetGroup g : used) {
            backend(out, g, targets.getOrDefault(g.name(), List.of()));
        }
        return out.toString();
    }

    public static String render(LoadBalancer lb, Collection<TargetGroup> groups, Map<String, List<Target>> targets) {
        return render(lb, groups, targets, HaproxySettings.DEFAULTS);
    }

    public static String frontendName(int port) {
        return "listener-" + port;
    }

    public static String backendName(String targetGroup) {
        return "group-" + targetGroup;
    }

    private static List<String> groupsOf(Listener l) {
        List<String> names = new ArrayList<>();
        names.add(l.defaultTargetGroup());
        l.rules().forEach(r -> names.add(r.targetGroup()));
        return names;
    }

    private static void global(StringBuilder out, HaproxySettings s, List<TargetGroup> groups) {
        Duration hardStop = s.hardStopAfter();
        for (TargetGroup g : groups) {
            if (g.deregistrationDelay().compareTo(hardStop) > 0) {
                hardStop = g.deregistrationDelay();
            }
        }
        out.append("\nglobal\n");
        // Master-worker: a reload (SIGUSR2 to the master) starts a new worker that takes the listening sockets over
        // (expose-fd listeners) while the old one finishes its connections, so no connection is refused or cut.
        line(out, "master-worker");
        line(out, "stats socket " + s.statsSocket() + " mode 600 level admin expose-fd listeners");
        line(out, "stats timeout 30s");
        // Bounds how long an old worker lives after a reload; never shorter than a group's deregistration delay.
        line(out, "hard-stop-after " + HaproxyQuoting.millis(hardStop));
        // Health and drain state survive a reload: Berth saves "show servers state" here first.
        line(out, "server-state-file " + s.serverStateFile());
        line(out, "log stdout format raw local0 info");
    }

    private static void defaults(StringBuilder out, HaproxySettings s) {
        out.append("\ndefaults\n");
        line(out, "log global");
        line(out, "timeout connect " + HaproxyQuoting.millis(s.connectTimeout()));
        line(out, "timeout client " + HaproxyQuoting.millis(s.clientTimeout()));
        line(out, "timeout server " + HaproxyQuoting.millis(s.serverTimeout()));
        line(out, "timeout http-request " + HaproxyQuoting.millis(s.httpRequestTimeout()));
        line(out, "timeout queue " + HaproxyQuoting.millis(s.queueTimeout()));
        line(out, "retries " + s.retries());
        // Each retry goes to another server: a target that just crashed or stopped is not tried again.
        line(out, "option redispatch 1");
        line(out, "load-server-state-from-file global");
    }

    private static void frontend(StringBuilder out, Listener l) {
        out.append("\nfrontend ").append(frontendName(l.port())).append('\n');
        line(out, "mode " + l.protocol().haproxyMode());
        line(out, "bind :" + l.port());
        if (l.protocol() == TrafficProtocol.HTTP) {
            line(out, "option httplog");
            line(out, "option forwardfor");
            // On a reload the old worker closes idle keep-alive connections at once; a client that sends on one at
            // that instant gets no answer. With this, it keeps them until one more request, answered with
            // "Connection: close", so a client always learns the connection ends (HAProxy before 2.4 did this).
            line(out, "option idle-close-on-response");
        } else {
            line(out, "option tcplog");
        }
        List<String> uses = new ArrayList<>();
        for (int i = 0; i < l.rules().size(); i++) {
            ListenerRule r = l.rules().get(i);
            List<String> acls = new ArrayList<>();
            if (r.pathPrefix().isPresent()) {
                String acl = "rule" + i + "-path";
                line(out, "acl " + acl + " path_beg " + HaproxyQuoting.single(r.pathPrefix().get()));
                acls.add(acl);
            }
            if (r.host().isPresent()) {
                String acl = "rule" + i + "-host";
                String host = r.host().get();
                // The Host header without its port, lower-cased; "*.example.test" matches its sub-domains only.
                String match = host.startsWith("*.") ? "-m end " + HaproxyQuoting.single(host.substring(1))
                        : "-m str " + HaproxyQuoting.single(host);
                line(out, "acl " + acl + " req.hdr(host),field(1,:),lower " + match);
                acls.add(acl);
            }
            uses.add("use_backend " + backendName(r.targetGroup()) + " if " + String.join(" ", acls));
        }
        uses.forEach(u -> line(out, u));
        line(out, "default_backend " + backendName(l.defaultTargetGroup()));
    }

    private static void backend(StringBuilder out, TargetGroup g, List<Target> targets) {
        TargetHealthCheck hc = g.healthCheck();
        out.append("\nbackend ").append(backendName(g.name())).append('\n');
        line(out, "mode " + g.protocol().haproxyMode());
        line(out, "balance roundrobin");
        if (g.protocol() == TrafficProtocol.HTTP) {
            line(out, "option httpchk");
            line(out, "http-check send meth GET uri " + HaproxyQuoting.single(hc.path().orElseThrow()));
            line(out, "http-check expect status " + hc.matcher());
            // Layer-7 retries replay a request on another server; only requests that are safe to send twice.
            line(out, "retry-on " + RETRY_ON);
            line(out, "http-request disable-l7-retry unless METH_GET or METH_OPTIONS");
        }
        // A target on a host that crashed answers nothing: the connect times out, and the retry (redispatched to
        // another server) must come well before the client gives up. Checks connect within this, too.
        line(out, "timeout connect " + HaproxyQuoting.millis(g.connectTimeout()));
        line(out, "timeout check " + HaproxyQuoting.millis(hc.timeout()));
        // fastinter: once a check (or a request, see observe) failed, the next checks come sooner, so a dead target
        // is marked down after "fall" quick checks instead of "fall" full intervals. observe layer4: a connection
        // a request could not make counts as a failed check at once, without waiting for the next check.
        line(out, "default-server check inter " + HaproxyQuoting.millis(hc.interval())
                + " fastinter " + HaproxyQuoting.millis(fastInterval(hc))
                + " fall " + hc.unhealthyThreshold() + " rise " + hc.healthyThreshold()
                + " observe layer4 error-limit 1 on-error fail-check"
                + (hc.checksTrafficPort() ? "" : " port " + hc.port()));
        Set<String> seen = new HashSet<>();
        List<Target> sorted = new ArrayList<>(targets);
        sorted.sort(Comparator.comparing(Target::taskId));
        for (Target t : sorted) {
            if (!seen.add(t.taskId())) {
                throw new IllegalArgumentException("target group " + g.name() + " lists task " + t.taskId() + " twice");
            }
            line(out, "server " + ServerNames.of(t.taskId()) + " " + t.address() + (t.draining() ? " weight 0" : ""));
        }
    }

    /** The interval between checks of a target whose state is changing: at most {@link #FAST_INTERVAL}. */
    static Duration fastInterval(TargetHealthCheck hc) {
        return hc.interval().compareTo(FAST_INTERVAL) < 0 ? hc.interval() : FAST_INTERVAL;
    }

    /** Quick enough to mark a dead target down in a few seconds; a live one answers a check in milliseconds. */
    static final Duration FAST_INTERVAL = Duration.ofSeconds(1);

    private static void line(StringBuilder out, String text) {
        out.append("    ").append(text).append('\n');
    }
}
