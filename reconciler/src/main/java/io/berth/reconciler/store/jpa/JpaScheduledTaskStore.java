package io.berth.reconciler.store.jpa;

import io.berth.db.model.ScheduledTaskEntity;
import io.berth.db.model.TaskDefinitionEntity;
import io.berth.db.model.TaskDefinitionStatus;
import io.berth.db.repository.ScheduledTaskRepository;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionRef;
import io.berth.reconciler.schedule.Firing;
import io.berth.reconciler.schedule.ScheduledTask;
import io.berth.reconciler.store.ScheduledTaskJson;
import io.berth.reconciler.store.ScheduledTaskStore;
import io.berth.reconciler.store.SpecJson;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Scheduled tasks as stored (table scheduled_task). */
public final class JpaScheduledTaskStore implements ScheduledTaskStore {

    private final ScheduledTaskRepository scheduled;
    private final TaskDefinitionRepository taskDefinitions;
    private final SpecJson specJson;
    private final TransactionTemplate tx;
    private final ScheduledTaskJson json = new ScheduledTaskJson();

    public JpaScheduledTaskStore(ScheduledTaskRepository scheduled, TaskDefinitionRepository taskDefinitions,
                                 SpecJson specJson, TransactionTemplate tx) {
        this.scheduled = scheduled;
        this.taskDefinitions = taskDefinitions;
        this.specJson = specJson;
        this.tx = tx;
    }

    @Override
    public List<UUID> ids() {
        return tx.execute(s -> scheduled.findAllIds());
    }

    @Override
    public Optional<Stored> get(UUID id) {
        return tx.execute(s -> scheduled.findById(id).map(this::stored));
    }

    private Stored stored(ScheduledTaskEntity e) {
        ScheduledTask task = new ScheduledTask(e.getId(), e.getCluster(), e.getName(), json.fromJson(e.getSpec()),
                e.getCreatedAt(), e.getLastFireAt());
        return new Stored(task, json.firingsFromJson(e.getFirings()));
    }

    @Override
    public boolean recordFirings(UUID id, Instant lastFire, List<Firing> firings) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            Optional<ScheduledTaskEntity> row = scheduled.findById(id);
            row.ifPresent(e -> {
                e.recordFirings(lastFire, json.firingsToJson(firings));
                scheduled.saveAndFlush(e);
            });
            return row.isPresent();
        }));
    }

    @Override
    public Optional<TaskDefinition> activeTaskDefinition(String reference) {
        TaskDefinitionRef ref;
        try {
            ref = TaskDefinitionRef.parse(reference.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return tx.execute(s -> {
            Optional<TaskDefinitionEntity> found = ref.revision() == null ? taskDefinitions.findLatestActive(ref.family())
                    : taskDefinitions.findByFamilyAndRevision(ref.family(), ref.revision());
            return found.filter(e -> e.getStatus() == TaskDefinitionStatus.ACTIVE)
                    .map(e -> new TaskDefinition(e.getFamily(), e.getRevision(), specJson.fromJson(e.getSpec())));
        });
    }
}
