package io.berth.reconciler.pass;

import io.berth.reconciler.model.ServiceLoadBalancer;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.plan.Fixtures;
import io.berth.reconciler.plan.LoadBalancerFacts;
import io.berth.reconciler.store.TrafficStore;
import io.berth.reconciler.traffic.LoadBalancer;
import io.berth.reconciler.traffic.Listener;
import io.berth.reconciler.traffic.TargetGroup;
import io.berth.reconciler.traffic.TargetHealth;
import io.berth.reconciler.traffic.TrafficProtocol;
import io.berth.reconciler.traffic.TrafficStats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.berth.reconciler.plan.Fixtures.taskId;
import static io.berth.reconciler.plan.Fixtures.web;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board the traffic passes fill and the service passes read: the last state per (target group, task), only for
 * the service's groups a load balancer uses, kept while a balancer cannot be asked, dropped once a target goes, and a
 * change wakes the service.
 */
class TargetHealthBoardTest {

    private static final String CLUSTER = Fixtures.CLUSTER;
    private static final ServiceState SERVICE = Fixtures.service(web(1), 2);
    private static final Task T1 = Fixtures.task(taskId(1), web(1)).running().build();
    private static final Task T2 = Fixtures.task(taskId(2), web(1)).running().build();

    private final List<LoadBalancer> balancers = new ArrayList<>(List.of(
            new LoadBalancer("front", Optional.empty(), List.of(new Listener(80, TrafficProtocol.HTTP, "web-tg", List.of()))),
            new LoadBalancer("back", Optional.empty(), List.of(new Listener(81, TrafficProtocol.HTTP, "web-tg", List.of()),
                    new Listener(82, TrafficProtocol.HTTP, "admin-tg", List.of())))));
    private final List<UUID> woken = new ArrayList<>();
    private final TargetHealthBoard board = new TargetHealthBoard(new TrafficStore() {
        @Override
        public List<LoadBalancer> loadBalancers(String cluster) {
            return balancers;
        }

        @Override
        public List<TargetGroup> targetGroups(String cluster) {
            return List.of();
        }

        @Override
        public List<ServiceTargets> servicesBehindLoadBalancers(String cluster) {
            // "unused-tg" is no load balancer's: nothing checks it, so it cannot hold a rollout back
            return List.of(new ServiceTargets(SERVICE.id(), List.of(new ServiceLoadBalancer("web-tg", "app", 80),
                    new ServiceLoadBalancer("admin-tg", "app", 80), new ServiceLoadBalancer("unused-tg", "app", 80))));
        }
    }, woken::add);

    private static TrafficStats.TargetSample sample(String lb, String group, Task task, String state) {
        return new TrafficStats.TargetSample(lb, group, "s-" + task.id(), task.id().toString(), "web", task.instanceId(),
                32768, new TargetHealth(state, null, null));
    }

    private static TrafficStats stats(Set<String> answered, TrafficStats.TargetSample... targets) {
        List<TrafficStats.BackendSample> none = List.of();
        Set<TrafficStats.BalancerInstance> silent = new java.util.HashSet<>();
        for (String lb : Set.of("front", "back")) {
            if (!answered.contains(lb)) {
                silent.add(new TrafficStats.BalancerInstance(lb, Fixtures.id(1)));
            }
        }
        return new TrafficStats(none, List.of(targets), silent, Set.of("front", "back"));
    }

    @Test
    void givesTheStatesOfTheServicesTasksInItsCheckedGroupsTheWorstOfSeveralBalancersStanding() {
        board.observed(CLUSTER, stats(Set.of("front", "back"),
                sample("front", "web-tg", T1, "healthy"), sample("back", "web-tg", T1, "unhealthy"),
                sample("back", "admin-tg", T1, "healthy"), sample("front", "web-tg", T2, "initial")));

        LoadBalancerFacts facts = board.facts(SERVICE, List.of(T1));

        assertThat(facts.targetGroups()).containsExactly("web-tg", "admin-tg");
        assertThat(facts.states()).containsOnlyKeys(T1.id());
        assertThat(facts.stateOf(T1.id(), "web-tg")).contains("unhealthy");
        assertThat(facts.stateOf(T1.id(), "admin-tg")).contains("healthy");
    }

    @Test
    void aBalancerThatCannotBeAskedKeepsWhatItSaidAndAGoneTargetIsDropped() {
        board.observed(CLUSTER, stats(Set.of("front", "back"),
                sample("front", "web-tg", T1, "healthy"), sample("back", "admin-tg", T1, "healthy"),
                sample("front", "web-tg", T2, "healthy")));

        board.observed(CLUSTER, stats(Set.of("front"), sample("front", "web-tg", T1, "healthy")));

        LoadBalancerFacts facts = board.facts(SERVICE, List.of(T1, T2));
        assertThat(facts.stateOf(T1.id(), "admin-tg")).as("back was silent").contains("healthy");
        assertThat(facts.stateOf(T2.id(), "web-tg")).as("front no longer reports it").isEmpty();
    }

    @Test
    void aChangeOfAServicesTargetWakesTheServiceAndNoChangeDoesNot() {
        board.observed(CLUSTER, stats(Set.of("front", "back"), sample("front", "web-tg", T1, "initial")));
        assertThat(woken).containsExactly(SERVICE.id());

        board.observed(CLUSTER, stats(Set.of("front", "back"), sample("front", "web-tg", T1, "initial")));
        assertThat(woken).hasSize(1);

        board.observed(CLUSTER, stats(Set.of("front", "back"), sample("front", "web-tg", T1, "healthy")));
        assertThat(woken).containsExactly(SERVICE.id(), SERVICE.id());
    }

    @Test
    void forgetDropsTheStatesButTheGroupsStillGateRollouts() {
        board.observed(CLUSTER, stats(Set.of("front", "back"), sample("front", "web-tg", T1, "healthy")));

        board.forget();

        LoadBalancerFacts facts = board.facts(SERVICE, List.of(T1));
        assertThat(facts.targetGroups()).containsExactly("web-tg", "admin-tg");
        assertThat(facts.states()).isEmpty();
    }

    @Test
    void aServiceBehindNoLoadBalancerGetsNoFacts() {
        balancers.clear(); // its groups are no balancer's
        board.observed(CLUSTER, TrafficStats.EMPTY);

        assertThat(board.facts(SERVICE, List.of(T1))).isEqualTo(LoadBalancerFacts.NONE);
    }
}
