package io.berth.app.api;

import io.berth.app.api.dto.ScheduledTaskView;
import io.berth.app.manifest.DurationText;
import io.berth.db.model.ScheduledTaskEntity;
import io.berth.db.repository.ClusterRepository;
import io.berth.db.repository.ScheduledTaskRepository;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.schedule.Firing;
import io.berth.reconciler.schedule.FiringOutcome;
import io.berth.reconciler.schedule.Schedule;
import io.berth.reconciler.schedule.ScheduledTaskSpec;
import io.berth.reconciler.store.ScheduledTaskJson;
import io.berth.reconciler.store.StateStore;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Scheduled tasks as the API shows them: the spec in the manifest's words, next and last run, the firings kept. */
@Component
class ScheduledTaskViews {

    private final ScheduledTaskRepository scheduledTasks;
    private final ClusterRepository clusters;
    private final StateStore store;
    private final Clock clock;
    private final ScheduledTaskJson json = new ScheduledTaskJson();
    private final JsonMapper mapper = JsonMapper.builder().build();

    ScheduledTaskViews(ScheduledTaskRepository scheduledTasks, ClusterRepository clusters, StateStore store,
                       Clock clock) {
        this.scheduledTasks = scheduledTasks;
        this.clusters = clusters;
        this.store = store;
        this.clock = clock;
    }

    Page<ScheduledTaskView> list(String cluster, PageRequest page) {
        requireCluster(cluster);
        String after = page.afterName();
        List<ScheduledTaskEntity> rows = scheduledTasks.findByClusterAndNameGreaterThanOrderByName(cluster,
                after == null ? "" : after, Limit.of(page.limit() + 1));
        boolean more = rows.size() > page.limit();
        List<ScheduledTaskEntity> shown = more ? rows.subList(0, page.limit()) : rows;
        String next = more ? ContinueToken.encodeName(shown.getLast().getName()) : null;
        return new Page<>(shown.stream().map(this::view).toList(), next);
    }

    ScheduledTaskView get(String cluster, String name) {
        return view(find(cluster, name));
    }

    ScheduledTaskEntity find(String cluster, String name) {
        requireCluster(cluster);
        return scheduledTasks.findByClusterAndName(cluster, name).orElseThrow(() -> ApiErrors.notFound(
                "scheduled task \"" + name + "\" not found in cluster \"" + cluster + "\""));
    }

    private void requireCluster(String cluster) {
        if (!clusters.existsById(cluster)) {
            throw ApiErrors.clusterNotFound(cluster);
        }
    }

    private ScheduledTaskView view(ScheduledTaskEntity e) {
        ScheduledTaskSpec spec = json.fromJson(e.getSpec());
        List<Firing> firings = json.firingsFromJson(e.getFirings()).stream()
                .sorted(Comparator.comparing(Firing::fireTime).reversed()).toList();
        Map<UUID, Task> tasks = store.tasks(firings.stream().flatMap(f -> f.taskIds().stream()).toList());
        Instant now = clock.instant();
        Instant since = e.getLastFireAt() != null && e.getLastFireAt().isAfter(now) ? e.getLastFireAt() : now;
        Instant nextRun = spec.suspend() ? null : Schedule.parse(spec.schedule()).next(since, spec.zone()).orElse(null);
        Map<String, Map<String, Integer>> lastExitCodes = new LinkedHashMap<>();
        firings.stream().filter(f -> f.outcome() == FiringOutcome.STARTED).findFirst().ifPresent(f -> {
            for (UUID id : f.taskIds()) {
                Task t = tasks.get(id);
                if (t != null && t.lastStatus() == TaskStatus.STOPPED) {
                    Map<String, Integer> codes = new LinkedHashMap<>();
                    t.containers().forEach(c -> codes.put(c.name(), c.exitCode()));
                    lastExitCodes.put(id.toString(), codes);
                }
            }
        });
        List<ScheduledTaskView.FiringView> views = firings.stream().map(f -> new ScheduledTaskView.FiringView(
                f.fireTime(), f.outcome().name(), f.reason(), f.taskIds().stream().map(UUID::toString).toList(),
                status(f, tasks), f.recordedAt())).toList();
        return new ScheduledTaskView(e.getName(), e.getCluster(), spec.schedule(), spec.timezone() == null ? "UTC"
                : spec.timezone(), spec.taskDefinition(), spec.count(), spec.concurrency().text(),
                spec.startingDeadline() == null ? null : DurationText.format(spec.startingDeadline()), spec.suspend(),
                spec.successfulHistoryLimit(), spec.failedHistoryLimit(), nextRun, e.getLastFireAt(), lastExitCodes,
                views, labels(e.getLabels()), e.getCreatedAt(), e.getUpdatedAt());
    }

    private static String status(Firing f, Map<UUID, Task> tasks) {
        List<Task> own = f.taskIds().stream().map(tasks::get).filter(Objects::nonNull).toList();
        if (own.isEmpty()) {
            return null;
        }
        if (own.stream().anyMatch(t -> t.lastStatus() != TaskStatus.STOPPED)) {
            return "RUNNING";
        }
        boolean ok = own.stream().flatMap(t -> t.containers().stream()).map(TaskContainer::exitCode)
                .allMatch(code -> code != null && code == 0);
        return ok ? "SUCCEEDED" : "FAILED";
    }

    private Map<String, String> labels(String text) {
        return mapper.readValue(text, new TypeReference<Map<String, String>>() {
        });
    }
}
