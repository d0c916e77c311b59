package io.berth.reconciler.traffic;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Backend counters from "show stat", target health combined over a balancer's HAProxies, and changes between looks. */
class TrafficStatsTest {

    static final UUID H1 = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final UUID H2 = UUID.fromString("00000000-0000-4000-8000-000000000002");
    static final String TASK_A = "7f1c0b1e-2c55-4f0e-9d7a-0d5c1a3b4e21";
    static final String TASK_B = "0a1b2c3d-0000-4000-8000-000000000001";
    static final String A = ServerNames.of(TASK_A);
    static final String B = ServerNames.of(TASK_B);

    static final String HEADER = "# pxname,svname,qcur,qmax,scur,smax,slim,stot,status,hrsp_5xx,check_status,last_chk,\n";

    /** One HAProxy's answer: the auth backend with servers A and B in the given statuses, and its counters. */
    static String answer(String statusA, String statusB, long stot, long http5xx, long scur) {
        return HEADER
                + "listener-80,FRONTEND,,,3,9,2000,900,OPEN,0,,,\n"
                + "group-auth," + A + ",0,0,1,4,,400," + statusA + ",2,L7OK,,\n"
                + "group-auth," + B + ",0,0,2,5,,500," + statusB + ",7,L7STS,HTTP status 503,\n"
                + "group-auth,BACKEND,0,0," + scur + ",9,200," + stot + ",UP," + http5xx + ",,,\n"
                + "group-random,BACKEND,0,0,0,0,200,12,UP,,,,\n"
                + "group-elsewhere,BACKEND,0,0,0,0,200,99,UP,1,,,\n";
    }

    static List<Registration> registrations() {
        return List.of(new Registration("auth", TASK_A, H1, 32768, "auth-svc"),
                new Registration("auth", TASK_B, H2, 32771, "auth-svc"));
    }

    @Test
    void backendRowsGiveRequestsFiveHundredsAndCurrentSessions() {
        HaproxyStatsReport report = HaproxyStats.parse(answer("UP", "DOWN", 900, 7, 3));

        assertThat(report.backends()).containsEntry("group-auth", new BackendCounters(900, 7, 3))
                // HAProxy leaves hrsp_5xx empty where it does not apply (TCP): 0, not a failed answer
                .containsEntry("group-random", new BackendCounters(12, 0, 0))
                .doesNotContainKey("listener-80");
        assertThat(report.servers().get("group-auth")).containsOnlyKeys(A, B);
        assertThat(report.servers().get("group-auth").get(B).state()).isEqualTo("unhealthy");
    }

    @Test
    void realOutputOfHaproxy26HasItsBackendCounted() throws IOException {
        HaproxyStatsReport report = HaproxyStats.parse(HaproxyStatsTest.sample());

        assertThat(report.backends()).containsOnlyKeys("g").containsEntry("g", new BackendCounters(0, 0, 0));
        assertThat(report.servers().get("g")).containsOnlyKeys("t-a", "t-b");
    }

    @Test
    void garbledOrHeaderlessAnswersAreEmptyNotErrors() {
        assertThat(HaproxyStats.parse("")).isEqualTo(HaproxyStatsReport.EMPTY);
        assertThat(HaproxyStats.parse("Unknown command\n")).isEqualTo(HaproxyStatsReport.EMPTY);
        assertThat(HaproxyStats.parse(HEADER + "group-auth,BACKEND,0,0,x,0,200,-5,UP,abc,,,\n").backends())
                .containsEntry("group-auth", new BackendCounters(0, 0, 0));
    }

    @Test
    void eachHaproxyIsASampleOfItsOwnAndATargetTakesTheStateThatNeedsAttentionFirst() {
        TrafficStats stats = TrafficStatsAggregator.aggregate(List.of(TrafficFixtures.edge()), registrations(),
                List.of(new BalancerReport("c1", H1, "edge", HaproxyStats.parse(answer("UP", "DOWN", 900, 7, 3))),
                        new BalancerReport("c2", H2, "edge", HaproxyStats.parse(answer("DOWN", "UP", 100, 1, 0)))));

        assertThat(stats.backends()).containsExactly(
                new TrafficStats.BackendSample("edge", "auth", H1, "c1", new BackendCounters(900, 7, 3)),
                new TrafficStats.BackendSample("edge", "auth", H2, "c2", new BackendCounters(100, 1, 0)),
                new TrafficStats.BackendSample("edge", "random", H1, "c1", new BackendCounters(12, 0, 0)),
                new TrafficStats.BackendSample("edge", "random", H2, "c2", new BackendCounters(12, 0, 0)));
        // one HAProxy sees each target down: a client may meet either, so both are unhealthy
        assertThat(stats.targets()).extracting(t -> t.taskId() + "=" + t.health().state())
                .containsExactlyInAnyOrder(TASK_A + "=unhealthy", TASK_B + "=unhealthy");
        TrafficStats.TargetSample a = stats.targets().stream().filter(t -> TASK_A.equals(t.taskId())).findFirst()
                .orElseThrow();
        assertThat(a).extracting(TrafficStats.TargetSample::service, TrafficStats.TargetSample::instanceId,
                TrafficStats.TargetSample::port).containsExactly("auth-svc", H1, 32768);
        assertThat(stats.targetCounts()).containsOnlyKeys(new TrafficStats.GroupKey("edge", "auth"),
                new TrafficStats.GroupKey("edge", "random"));
        assertThat(stats.targetCounts().get(new TrafficStats.GroupKey("edge", "auth")))
                .containsEntry(TrafficStats.CountedState.unhealthy, 2L)
                .containsEntry(TrafficStats.CountedState.healthy, 0L)
                .containsEntry(TrafficStats.CountedState.draining, 0L);
        assertThat(stats.silent()).isEmpty();
        assertThat(stats.loadBalancers()).containsExactly("edge");
        assertThat(stats.unheard("edge")).isFalse();
    }

    @Test
    void aTargetIsHealthyOnlyWhenEveryHaproxyThatAnsweredSaysSo() {
        TrafficStats stats = TrafficStatsAggregator.aggregate(List.of(TrafficFixtures.edge()), registrations(),
                List.of(new BalancerReport("c1", H1, "edge", HaproxyStats.parse(answer("UP", "DRAIN", 1, 0, 0))),
                        new BalancerReport("c2", H2, "edge", null)));

        assertThat(stats.targets()).extracting(t -> t.health().state()).containsExactly(
                A.compareTo(B) < 0 ? "healthy" : "draining", A.compareTo(B) < 0 ? "draining" : "healthy");
        assertThat(stats.silent()).containsExactly(new TrafficStats.BalancerInstance("edge", H2));
        assertThat(stats.backends()).extracting(TrafficStats.BackendSample::containerId).containsOnly("c1");
    }

    @Test
    void serversNoTaskIsRegisteredAsAndBalancersBeingRemovedAreHandled() {
        LoadBalancer other = new LoadBalancer("other", Optional.empty(), List.of(new Listener(81,
                TrafficProtocol.HTTP, "elsewhere", List.of())));
        TrafficStats stats = TrafficStatsAggregator.aggregate(List.of(other), List.of(),
                List.of(new BalancerReport("c1", H1, "other", HaproxyStats.parse(answer("UP", "UP", 1, 0, 0))),
                        new BalancerReport("c9", H1, "gone", HaproxyStats.parse(answer("UP", "UP", 1, 0, 0)))));

        // only the backends of the balancer's own groups; the removed balancer's HAProxy is not reported
        assertThat(stats.backends()).extracting(TrafficStats.BackendSample::targetGroup).containsExactly("elsewhere");
        assertThat(stats.targets()).isEmpty();
        TrafficStats unregistered = TrafficStatsAggregator.aggregate(List.of(TrafficFixtures.edge()), List.of(),
                List.of(new BalancerReport("c1", H1, "edge", HaproxyStats.parse(answer("UP", "UP", 1, 0, 0)))));
        assertThat(unregistered.targets()).extracting(TrafficStats.TargetSample::server).containsExactlyInAnyOrder(A, B);
        assertThat(unregistered.targets()).allSatisfy(t -> assertThat(t.taskId()).isNull());
    }

    @Test
    void changesAreNewTargetsNewStatesAndTargetsGoneButNotNewDescriptions() {
        TrafficStats first = stats(health("healthy", null, "L7OK 2ms"), health("initial", "Elb.InitialHealthChecking", null));
        TargetStateChanges.Result r1 = TargetStateChanges.next(Map.of(), first);
        assertThat(r1.changes()).extracting(TargetStateChanges.TargetChange::op).containsExactly("created", "created");

        TrafficStats sameButLatency = stats(health("healthy", null, "L7OK 5ms"),
                health("initial", "Elb.InitialHealthChecking", null));
        TargetStateChanges.Result r2 = TargetStateChanges.next(r1.seen(), sameButLatency);
        assertThat(r2.changes()).isEmpty();

        TrafficStats bUnhealthy = stats(health("healthy", null, "L7OK 5ms"),
                health("unhealthy", "Target.FailedHealthChecks", "L7STS 503"));
        TargetStateChanges.Result r3 = TargetStateChanges.next(r2.seen(), bUnhealthy);
        assertThat(r3.changes()).singleElement().satisfies(c -> {
            assertThat(c.op()).isEqualTo("updated");
            assertThat(c.previousState()).isEqualTo("initial");
            assertThat(c.target().taskId()).isEqualTo(TASK_B);
            assertThat(c.target().health().state()).isEqualTo("unhealthy");
        });

        TrafficStats onlyA = new TrafficStats(bUnhealthy.backends(), bUnhealthy.targets().subList(0, 1), java.util.Set.of());
        TargetStateChanges.Result r4 = TargetStateChanges.next(r3.seen(), onlyA);
        assertThat(r4.changes()).singleElement().satisfies(c -> {
            assertThat(c.op()).isEqualTo("deleted");
            assertThat(c.target().taskId()).isEqualTo(TASK_B);
        });
        assertThat(r4.seen()).hasSize(1);
    }

    @Test
    void aBalancerThatDidNotAnswerKeepsItsTargetsAndEverythingGoesWhenTheClusterHasNoBalancer() {
        TargetStateChanges.Result seen = TargetStateChanges.next(Map.of(),
                stats(health("healthy", null, null), health("healthy", null, null)));

        TrafficStats silent = new TrafficStats(List.of(), List.of(),
                java.util.Set.of(new TrafficStats.BalancerInstance("edge", H1)));
        TargetStateChanges.Result quiet = TargetStateChanges.next(seen.seen(), silent);
        assertThat(quiet.changes()).isEmpty();
        assertThat(quiet.seen()).isEqualTo(seen.seen());

        // its instance could not even be listed: no HAProxy of it was asked, and the balancer still exists
        TargetStateChanges.Result unlisted = TargetStateChanges.next(quiet.seen(),
                new TrafficStats(List.of(), List.of(), java.util.Set.of(), java.util.Set.of("edge")));
        assertThat(unlisted.changes()).isEmpty();
        assertThat(unlisted.seen()).isEqualTo(seen.seen());

        TargetStateChanges.Result gone = TargetStateChanges.next(unlisted.seen(), TrafficStats.EMPTY);
        assertThat(gone.changes()).extracting(TargetStateChanges.TargetChange::op).containsExactly("deleted", "deleted");
        assertThat(gone.seen()).isEmpty();
    }

    private static TargetHealth health(String state, String reason, String description) {
        return new TargetHealth(state, reason, description);
    }

    /** edge/auth with targets A and B (in that order) in the given health. */
    private static TrafficStats stats(TargetHealth a, TargetHealth b) {
        return new TrafficStats(List.of(new TrafficStats.BackendSample("edge", "auth", H1, "c1",
                new BackendCounters(0, 0, 0))), List.of(
                new TrafficStats.TargetSample("edge", "auth", A, TASK_A, "auth-svc", H1, 32768, a),
                new TrafficStats.TargetSample("edge", "auth", B, TASK_B, "auth-svc", H2, 32771, b)), java.util.Set.of());
    }
}
