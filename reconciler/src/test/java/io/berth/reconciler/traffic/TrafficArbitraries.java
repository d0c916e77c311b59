package io.berth.reconciler.traffic;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Generators of valid traffic models: a load balancer, the target groups its listeners use (each listener's groups
 * share its protocol) and targets for them. Shared by the property test and the test that runs haproxy -c.
 */
final class TrafficArbitraries {

    /** A model ready to render. */
    record Model(LoadBalancer lb, List<TargetGroup> groups, Map<String, List<Target>> targets) {
        String render() {
            return HaproxyConfigRenderer.render(lb, groups, targets);
        }
    }

    private TrafficArbitraries() {
    }

    static Arbitrary<String> names() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
                .ofMinLength(1).ofMaxLength(32).filter(n -> TrafficNames.nameProblem(n).isEmpty());
    }

    static Arbitrary<String> paths() {
        return Arbitraries.strings().withChars("abcXYZ019._~%!*+,;=:@/-").ofMaxLength(40).map(s -> "/" + s);
    }

    static Arbitrary<String> hosts() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcz09-").ofMinLength(1).ofMaxLength(12)
                .filter(l -> !l.startsWith("-") && !l.endsWith("-"));
        return Combinators.combine(label.list().ofMinSize(1).ofMaxSize(4), Arbitraries.of(true, false))
                .as((labels, wildcard) -> (wildcard ? "*." : "") + String.join(".", labels));
    }

    static Arbitrary<TargetHealthCheck> healthChecks(TrafficProtocol protocol) {
        Arbitrary<Integer> intervalMs = Arbitraries.integers().between(1000, 300_000);
        return Combinators.combine(paths(), Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 65535)),
                        intervalMs, Arbitraries.integers().between(2, 10), Arbitraries.integers().between(2, 10),
                        matchers(), Arbitraries.doubles().between(0.01, 0.99))
                .as((path, port, interval, up, down, matcher, share) -> {
                    long timeout = Math.min(120_000, Math.max(500, (long) (interval * share)));
                    if (timeout >= interval) {
                        timeout = 500;
                    }
                    return new TargetHealthCheck(protocol == TrafficProtocol.HTTP ? Optional.of(path) : Optional.empty(),
                            port, Duration.ofMillis(interval), Duration.ofMillis(timeout), up, down, matcher);
                });
    }

    static Arbitrary<StatusMatcher> matchers() {
        Arbitrary<String> part = Arbitraries.integers().between(200, 499).flatMap(from ->
                Arbitraries.oneOf(Arbitraries.just(Integer.toString(from)),
                        Arbitraries.integers().between(from, 499).map(to -> from + "-" + to)));
        return part.list().ofMinSize(1).ofMaxSize(4).map(parts -> StatusMatcher.parse(String.join(",", parts)));
    }

    static Arbitrary<Target> targets() {
        Arbitrary<String> ids = Arbitraries.oneOf(Arbitraries.create(() -> java.util.UUID.randomUUID().toString()),
                Arbitraries.strings().withCharRange((char) 0x21, (char) 0x7e).ofMinLength(1).ofMaxLength(80));
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(o -> o.get(0) + "." + o.get(1) + "." + o.get(2) + "." + o.get(3));
        return Combinators.combine(ids, ipv4, Arbitraries.integers().between(1, 65535), Arbitraries.of(false, false, true))
                .as(Target::new);
    }

    /** 1-4 listeners; each picks a protocol, a default group and (HTTP) up to 6 rules over 1-4 groups of its own. */
    static Arbitrary<Model> models() {
        Arbitrary<Integer> listenerCount = Arbitraries.integers().between(1, 4);
        return listenerCount.flatMap(n -> Combinators.combine(
                Arbitraries.integers().between(1, 65535).set().ofSize(n),
                names().set().ofMinSize(2 * n).ofMaxSize(4 * n),
                Arbitraries.of(TrafficProtocol.values()).list().ofSize(n),
                names()).flatAs((ports, groupNames, protocols, lbName) -> {
            List<String> pool = new ArrayList<>(groupNames);
            List<Integer> portList = new ArrayList<>(ports);
            int perListener = pool.size() / n;
            List<Arbitrary<Listener>> listeners = new ArrayList<>();
            Map<String, TrafficProtocol> groupProtocol = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                List<String> own = pool.subList(i * perListener, (i + 1) * perListener);
                TrafficProtocol protocol = protocols.get(i);
                own.forEach(g -> groupProtocol.put(g, protocol));
                int port = portList.get(i);
                if (protocol == TrafficProtocol.TCP) {
                    listeners.add(Arbitraries.of(own).map(g -> new Listener(port, protocol, g, List.of())));
                } else {
                    Arbitrary<ListenerRule> rule = Combinators.combine(paths().optional(), hosts().optional(),
                                    Arbitraries.of(own))
                            .filter((p, h, g) -> p.isPresent() || h.isPresent())
                            .as(ListenerRule::new);
                    listeners.add(Combinators.combine(Arbitraries.of(own), rule.list().ofMaxSize(6))
                            .as((d, rules) -> new Listener(port, protocol, d, rules)));
                }
            }
            List<Arbitrary<TargetGroup>> groups = new ArrayList<>();
            groupProtocol.forEach((g, protocol) -> groups.add(Combinators.combine(healthChecks(protocol),
                            Arbitraries.integers().between(0, 3600))
                    .as((hc, delay) -> new TargetGroup(g, protocol, hc, Duration.ofSeconds(delay)))));
            List<Arbitrary<List<Target>>> targetLists = new ArrayList<>();
            groupProtocol.keySet().forEach(g -> targetLists.add(targets().list().ofMaxSize(5)
                    .uniqueElements(Target::taskId)));
            Arbitrary<List<Listener>> allListeners = Combinators.combine(listeners).as(List::copyOf);
            Arbitrary<List<TargetGroup>> allGroups = Combinators.combine(groups).as(List::copyOf);
            Arbitrary<List<List<Target>>> allTargets = Combinators.combine(targetLists).as(List::copyOf);
            return Combinators.combine(allListeners, allGroups, allTargets, Arbitraries.of(true, false))
                    .as((ls, gs, ts, placed) -> {
                        Map<String, List<Target>> byGroup = new HashMap<>();
                        List<String> names = new ArrayList<>(groupProtocol.keySet());
                        for (int i = 0; i < names.size(); i++) {
                            byGroup.put(names.get(i), ts.get(i));
                        }
                        return new Model(new LoadBalancer(lbName,
                                placed ? Optional.of("attribute:role == edge") : Optional.empty(), ls), gs, byGroup);
                    });
        }));
    }
}
