package io.berth.reconciler.plan;

import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.berth.reconciler.plan.Fixtures.SERVICE_ID;
import static io.berth.reconciler.plan.Fixtures.CLUSTER;
import static io.berth.reconciler.plan.Fixtures.T0;
import static io.berth.reconciler.plan.Fixtures.task;
import static io.berth.reconciler.plan.Fixtures.taskId;
import static io.berth.reconciler.plan.Fixtures.web;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * For any reports over up to five target groups and any time since the task started: a task is stopped exactly when
 * some group reports it unhealthy and its grace is over (naming the first such group), and counts as healthy for a
 * rollout exactly when every group reports it healthy. No report, initial, unavailable or draining is never a stop.
 */
class LoadBalancerHealthPropertyTest {

    private static final List<String> GROUPS = List.of("a", "b", "c", "d", "e");

    @Provide
    Arbitrary<List<String>> reports() {
        return Arbitraries.of("healthy", "unhealthy", "initial", "unavailable", "draining", "none")
                .list().ofMinSize(1).ofMaxSize(GROUPS.size());
    }

    @Property(tries = 500)
    void stopsExactlyOnEvidenceAfterTheGraceAndGatesOnEveryGroup(@ForAll("reports") List<String> reports,
                                                                 @ForAll @IntRange(min = 0, max = 120) int graceSeconds,
                                                                 @ForAll @IntRange(min = 0, max = 240) int elapsedSeconds) {
        TaskDefinition td = web(1);
        ServiceState service = new ServiceState(SERVICE_ID, CLUSTER, "web", td, 1, false,
                Duration.ofSeconds(graceSeconds), null);
        Task t = task(taskId(1), td).running().started(T0).build();
        List<String> groups = GROUPS.subList(0, reports.size());
        Map<String, String> byGroup = new HashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            if (!reports.get(i).equals("none")) {
                byGroup.put(groups.get(i), reports.get(i));
            }
        }
        LoadBalancerFacts facts = new LoadBalancerFacts(groups, Map.of(t.id(), byGroup));
        Instant now = T0.plusSeconds(elapsedSeconds);

        Optional<String> failing = LoadBalancerHealth.failingGroup(t, service, facts, now);

        int firstUnhealthy = reports.indexOf("unhealthy");
        boolean graceOver = elapsedSeconds >= graceSeconds;
        if (firstUnhealthy >= 0 && graceOver) {
            assertThat(failing).contains(groups.get(firstUnhealthy));
        } else {
            assertThat(failing).isEmpty();
        }
        assertThat(LoadBalancerHealth.passes(t, service, facts)).isEqualTo(reports.stream().allMatch("healthy"::equals));
        Optional<Instant> again = LoadBalancerHealth.lookAgainAt(t, service, facts, now);
        assertThat(again.isPresent()).isEqualTo(firstUnhealthy >= 0 && !graceOver);
        again.ifPresent(at -> assertThat(at).isEqualTo(T0.plusSeconds(graceSeconds)));
    }
}
