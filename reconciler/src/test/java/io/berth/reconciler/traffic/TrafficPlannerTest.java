package io.berth.reconciler.traffic;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficPlannerTest {

    static final UUID H1 = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final UUID H2 = UUID.fromString("00000000-0000-4000-8000-000000000002");
    static final BalancerHost EDGE_1 = new BalancerHost(H1, "198.18.0.11", Map.of("role", "edge"));
    static final BalancerHost WORKER_2 = new BalancerHost(H2, "198.18.0.12", Map.of("role", "worker"));
    static final LoadBalancer WEB = new LoadBalancer("web", Optional.empty(),
            List.of(new Listener(8080, TrafficProtocol.HTTP, "auth", List.of())));
    static final List<TargetGroup> GROUPS = List.of(TrafficFixtures.httpGroup("auth"));
    static final List<Registration> TWO_TASKS = List.of(new Registration("auth", "task-a", H1, 32768),
            new Registration("auth", "task-b", H2, 32769));

    static TrafficPlan plan(List<LoadBalancer> lbs, List<Registration> regs, List<ObservedBalancer> observed) {
        return TrafficPlanner.plan(lbs, GROUPS, regs, List.of(EDGE_1, WORKER_2), observed, HaproxySettings.DEFAULTS);
    }

    @Test
    void startsOneHaproxyPerSelectedHostWithTargetsOnTheSameHostOnLoopback() {
        TrafficPlan p = plan(List.of(WEB), TWO_TASKS, List.of());
        assertThat(p.actions()).hasSize(2).allMatch(a -> a instanceof TrafficPlan.StartBalancer);
        TrafficPlan.StartBalancer on1 = (TrafficPlan.StartBalancer) p.actions().stream()
                .filter(a -> a.instanceId().equals(H1)).findFirst().orElseThrow();
        assertThat(on1.config()).contains("server t-task-a 127.0.0.1:32768").contains("server t-task-b 198.18.0.12:32769");
        assertThat(on1.configHash()).isEqualTo(TrafficPlanner.hash(on1.config()));
        assertThat(p.problems()).isEmpty();
    }

    @Test
    void aSilentHostGetsNoHaproxyButItsTargetsStayReachableByAddress() {
        BalancerHost silent2 = new BalancerHost(H2, "198.18.0.12", Map.of("role", "worker"), false);
        TrafficPlan p = TrafficPlanner.plan(List.of(WEB), GROUPS, TWO_TASKS, List.of(EDGE_1, silent2), List.of(),
                HaproxySettings.DEFAULTS);
        assertThat(p.actions()).singleElement().satisfies(a -> {
            assertThat(a.instanceId()).as("nothing is started where nothing could be listed").isEqualTo(H1);
            assertThat(((TrafficPlan.StartBalancer) a).config()).as("which targets serve is TargetRotation's call")
                    .contains("198.18.0.12:32769");
        });
    }

    @Test
    void placementSelectsHostsByAttribute() {
        LoadBalancer edgeOnly = new LoadBalancer("web", Optional.of("attribute:role == edge"), WEB.listeners());
        TrafficPlan p = plan(List.of(edgeOnly), TWO_TASKS, List.of());
        assertThat(p.actions()).singleElement().satisfies(a -> assertThat(a.instanceId()).isEqualTo(H1));
    }

    @Test
    void unchangedConfigurationIsLeftAloneAndAChangedOneReloaded() {
        TrafficPlan first = plan(List.of(WEB), TWO_TASKS, List.of());
        List<ObservedBalancer> running = first.actions().stream().map(a -> (TrafficPlan.StartBalancer) a)
                .map(s -> new ObservedBalancer("c-" + s.instanceId(), s.instanceId(), "web", true, s.configHash()))
                .toList();
        assertThat(plan(List.of(WEB), TWO_TASKS, running).actions()).isEmpty();

        List<Registration> scaled = new java.util.ArrayList<>(TWO_TASKS);
        scaled.add(new Registration("auth", "task-c", H2, 32770));
        TrafficPlan after = plan(List.of(WEB), scaled, running);
        assertThat(after.actions()).hasSize(2).allSatisfy(a -> {
            assertThat(a).isInstanceOf(TrafficPlan.Reconfigure.class);
            TrafficPlan.Reconfigure r = (TrafficPlan.Reconfigure) a;
            assertThat(r.containerId()).isEqualTo("c-" + r.instanceId());
            assertThat(r.config()).contains("server t-task-c");
        });
    }

    @Test
    void unknownHashIsRewritten() {
        TrafficPlan p = plan(List.of(WEB), TWO_TASKS, List.of(new ObservedBalancer("c1", H1, "web", true, null)));
        assertThat(p.actions()).filteredOn(a -> a.instanceId().equals(H1)).singleElement()
                .isInstanceOf(TrafficPlan.Reconfigure.class);
    }

    @Test
    void removesHaproxyOfDeletedOrDeselectedLoadBalancersStoppedOnesAndDuplicates() {
        LoadBalancer edgeOnly = new LoadBalancer("web", Optional.of("attribute:role == edge"), WEB.listeners());
        String hash1 = TrafficPlanner.hash(((TrafficPlan.StartBalancer) plan(List.of(edgeOnly), TWO_TASKS, List.of())
                .actions().getFirst()).config());
        List<ObservedBalancer> observed = List.of(
                new ObservedBalancer("gone", H1, "deleted-lb", true, "x"),
                new ObservedBalancer("deselected", H2, "web", true, "x"),
                new ObservedBalancer("keep", H1, "web", true, hash1),
                new ObservedBalancer("second", H1, "web", true, hash1));
        TrafficPlan p = plan(List.of(edgeOnly), TWO_TASKS, observed);
        assertThat(p.actions()).allMatch(a -> a instanceof TrafficPlan.RemoveBalancer)
                .extracting(a -> ((TrafficPlan.RemoveBalancer) a).containerId())
                .containsExactlyInAnyOrder("gone", "deselected", "second");

        TrafficPlan stopped = plan(List.of(edgeOnly), TWO_TASKS,
                List.of(new ObservedBalancer("dead", H1, "web", false, hash1)));
        assertThat(stopped.actions()).hasSize(2);
        assertThat(stopped.actions().get(0)).isInstanceOf(TrafficPlan.RemoveBalancer.class);
        assertThat(stopped.actions().get(1)).isInstanceOf(TrafficPlan.StartBalancer.class);
    }

    @Test
    void targetsOnHostsOthersCannotReachAreServedOnlyByTheirOwnHost() {
        BalancerHost local = new BalancerHost(H1, null, Map.of());
        TrafficPlan p = TrafficPlanner.plan(List.of(WEB), GROUPS, TWO_TASKS, List.of(local, WORKER_2), List.of(),
                HaproxySettings.DEFAULTS);
        String onH2 = p.actions().stream().filter(a -> a.instanceId().equals(H2))
                .map(a -> ((TrafficPlan.StartBalancer) a).config()).findFirst().orElseThrow();
        assertThat(onH2).contains("server t-task-b 127.0.0.1:32769").doesNotContain("t-task-a");
    }

    @Test
    void aLoadBalancerNamingAMissingGroupStartsNothingAndKeepsWhatRuns() {
        LoadBalancer broken = new LoadBalancer("web", Optional.empty(),
                List.of(new Listener(8080, TrafficProtocol.HTTP, "missing", List.of())));
        TrafficPlan p = plan(List.of(broken), TWO_TASKS, List.of(new ObservedBalancer("c1", H1, "web", true, "h")));
        assertThat(p.actions()).isEmpty();
        assertThat(p.problems()).hasSize(2).allMatch(s -> s.contains("missing"));
    }
}
