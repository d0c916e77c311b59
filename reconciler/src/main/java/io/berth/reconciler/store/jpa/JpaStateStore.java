package io.berth.reconciler.store.jpa;

import io.berth.db.model.DeploymentEntity;
import io.berth.db.model.DeploymentStatus;
import io.berth.db.model.DeploymentTrigger;
import io.berth.db.model.DesiredStatus;
import io.berth.db.model.RolloutState;
import io.berth.db.model.LastStatus;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.ServiceStatus;
import io.berth.db.model.TaskDefinitionEntity;
import io.berth.db.model.TaskDefinitionId;
import io.berth.db.model.TaskEntity;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.db.repository.DeploymentRepository;
import io.berth.db.repository.ServiceEventRepository;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.db.repository.TaskRepository;
import io.berth.db.tx.OptimisticRetry;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.model.ServiceEvent;
import io.berth.reconciler.model.ServiceSpec;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionRef;
import io.berth.reconciler.model.TaskOverrides;
import io.berth.reconciler.model.TaskReservation;
import io.berth.reconciler.store.OverridesJson;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.store.ServiceSpecJson;
import io.berth.reconciler.store.SpecJson;
import io.berth.reconciler.store.SecretVersionsJson;
import io.berth.reconciler.store.StateStore;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The {@link StateStore} over PostgreSQL. Each method is one short transaction: the loop never holds a
 * transaction across Docker calls. Optimistic-lock failures propagate; the loop retries the pass.
 */
public final class JpaStateStore implements StateStore {

    private final ServiceRepository services;
    private final TaskRepository tasks;
    private final TaskDefinitionRepository taskDefinitions;
    private final ContainerInstanceRepository instances;
    private final ServiceEventRepository events;
    private final ServiceEventLog eventLog;
    private final DeploymentRepository deployments;
    private final TransactionTemplate tx;
    /**
     * One snapshot for every statement of a read (REPEATABLE READ; read-only, so it never fails on a conflict). A
     * service is its row and its deployments, read by separate statements: under READ COMMITTED an apply committed
     * between them gave a pass the old revision with the new PRIMARY deployment, and the pass started tasks of the
     * old revision counted as the new deployment's — which then "completed" without one task of its revision.
     */
    private final TransactionTemplate snapshot;
    private final SpecJson specJson;
    private final EntityMapping mapping = new EntityMapping();
    private final ServiceSpecJson serviceSpecJson = new ServiceSpecJson();
    private final OverridesJson overridesJson = new OverridesJson();
    private final TaskRowsCopy taskRows = new TaskRowsCopy(mapping, Clock.systemUTC());
    private final JdbcTemplate jdbc;

    public JpaStateStore(ServiceRepository services, TaskRepository tasks, TaskDefinitionRepository taskDefinitions,
                         ContainerInstanceRepository instances, ServiceEventRepository events,
                         DeploymentRepository deployments, TransactionTemplate tx, SpecJson specJson,
                         DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.deployments = deployments;
        this.services = services;
        this.tasks = tasks;
        this.taskDefinitions = taskDefinitions;
        this.instances = instances;
        this.events = events;
        this.eventLog = new ServiceEventLog(events);
        this.tx = tx;
        this.snapshot = new TransactionTemplate(tx.getTransactionManager());
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        this.specJson = specJson;
    }

    // ---- reads ----

    @Override
    public Optional<ServiceState> service(UUID serviceId) {
        return snapshot.execute(s -> services.findById(serviceId).map(e -> {
            TaskDefinitionEntity td = taskDefinitions.findById(e.getTaskDefinition()).orElseThrow(
                    () -> new IllegalStateException("service " + e.getName() + " references missing " + e.getTaskDefinition()));
            ServiceSpec spec = serviceSpecJson.fromJson(e.getSpec());
            return new ServiceState(e.getId(), e.getCluster(), e.getName(), taskDefinition(td), e.getDesiredCount(),
                    e.getStatus() == ServiceStatus.DRAINING, spec.healthCheckGracePeriod(), spec.deployment(),
                    deploymentsOf(e.getId()), spec.placement(), spec.schedulingStrategy());
        }));
    }

    @Override
    public List<UUID> serviceIds() {
        return tx.execute(s -> services.findAllToReconcile().stream().map(ServiceEntity::getId).toList());
    }

    @Override
    public List<Task> tasksOfService(UUID serviceId, int recentStopped) {
        if (recentStopped < 0) {
            throw new IllegalArgumentException("recentStopped must be 0 or more, was " + recentStopped);
        }
        return tx.execute(s -> {
            List<Task> result = new ArrayList<>(tasks.findNotStoppedByServiceId(serviceId).stream().map(mapping::task).toList());
            // Limit.of(0) throws ("Page size must not be less than one"): zero stopped tasks is no query at all.
            List<UUID> stoppedIds = recentStopped == 0 ? List.of()
                    : tasks.findRecentStoppedIds(serviceId, Limit.of(recentStopped));
            if (!stoppedIds.isEmpty()) {
                tasks.findWithContainersByIdIn(stoppedIds).stream().map(mapping::task).forEach(result::add);
            }
            return result;
        });
    }

    @Override
    public Map<String, TaskDefinition> taskDefinitions(Collection<String> arns) {
        return tx.execute(s -> {
            Map<String, TaskDefinition> result = new HashMap<>();
            for (String arn : arns) {
                TaskDefinitionRef ref = TaskDefinitionRef.parse(arn);
                taskDefinitions.findById(new TaskDefinitionId(ref.family(), ref.revision()))
                        .ifPresent(td -> result.put(arn, taskDefinition(td)));
            }
            return result;
        });
    }

    @Override
    public Optional<ServiceEvent> lastEvent(UUID serviceId) {
        return tx.execute(s -> events.findLatest(serviceId, 1).stream().findFirst()
                .map(e -> new ServiceEvent(e.getCreatedAt(), e.getMessage())));
    }

    @Override
    public List<ContainerInstance> instances() {
        return tx.execute(s -> instances.findAll().stream().map(mapping::instance).toList());
    }

    @Override
    public Optional<ContainerInstance> instance(UUID instanceId) {
        return tx.execute(s -> instances.findById(instanceId).map(mapping::instance));
    }

    @Override
    public List<Task> activeTasks(String cluster) {
        return tx.execute(s -> tasks.findNotStoppedByCluster(cluster).stream().map(mapping::task).toList());
    }

    @Override
    public List<TaskReservation> reservations(String cluster) {
        return ReservationRows.read(jdbc, cluster); // one statement: no transaction of its own needed
    }

    @Override
    public List<TaskReservation> reservationsOn(String cluster, UUID instanceId) {
        return ReservationRows.readOn(jdbc, cluster, instanceId);
    }

    @Override
    public Map<UUID, Task> tasks(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return tx.execute(s -> {
            Map<UUID, Task> result = new HashMap<>();
            tasks.findWithContainersByIdIn(ids).forEach(e -> result.put(e.getId(), mapping.task(e)));
            return result;
        });
    }

    @Override
    public List<UUID> standaloneTaskIds() {
        return tx.execute(s -> tasks.findNotStoppedStandaloneIds());
    }

    @Override
    public TaskOverrides overridesOf(UUID taskId) {
        return tx.execute(s -> tasks.findById(taskId).map(e -> overridesJson.fromJson(e.getOverrides()))
                .orElse(TaskOverrides.NONE));
    }

    // ---- writes ----

    @Override
    public void insertTasks(List<Task> newTasks) {
        if (newTasks.isEmpty()) {
            return;
        }
        // COPY rather than JPA's row-by-row inserts: a launch of thousands of tasks is two round trips, not
        // thousands. JdbcTemplate runs it on the transaction's connection, so both tables commit together.
        tx.executeWithoutResult(s -> jdbc.execute((ConnectionCallback<Void>) connection -> {
            taskRows.insert(connection, newTasks);
            return null;
        }));
    }

    /**
     * At most 10 tasks per run-task: plain JPA inserts, with the columns only one-off tasks have, after the same
     * claim as a service's placements (PlacementClaims) in the same transaction — so the instances' remaining CPU and
     * memory count one-off tasks too, and a conflict stores nothing.
     */
    @Override
    public void insertStandaloneTasks(List<Task> newTasks, Map<UUID, Long> placementVersions, TaskOverrides overrides,
                                      String startedBy, String group) {
        if (newTasks.isEmpty()) {
            return;
        }
        String json = overridesJson.toJson(overrides);
        tx.executeWithoutResult(s -> {
            jdbc.execute((ConnectionCallback<Void>) connection -> {
                PlacementClaims.claim(connection, newTasks, placementVersions);
                return null;
            });
            List<TaskEntity> rows = new ArrayList<>();
            for (Task t : newTasks) {
                TaskEntity e = new TaskEntity(t.id(), t.cluster(), new TaskDefinitionId(t.family(), t.revision()),
                        t.reservedCpu(), t.reservedMemory(), t.createdAt());
                e.setService(t.serviceId(), t.serviceName());
                e.setContainerInstanceId(t.instanceId());
                e.setStartedBy(startedBy);
                e.setGroup(group);
                e.setOverrides(json);
                mapping.applyContainers(e, t.containers());
                rows.add(e);
            }
            tasks.saveAll(rows);
        });
    }

    @Override
    public int deleteTasksStoppedBefore(Instant cutoff, int limit) {
        return tx.execute(s -> {
            List<UUID> ids = tasks.findStoppedBefore(cutoff, Limit.of(limit));
            if (!ids.isEmpty()) {
                tasks.deleteAllById(ids); // task_container rows go with them (on delete cascade, and orphanRemoval)
            }
            return ids.size();
        });
    }

    @Override
    public void placeTasks(List<Task> newTasks, Map<UUID, Long> placementVersions) {
        if (newTasks.isEmpty()) {
            return;
        }
        // Set-based (PlacementClaims): claims and reservations in one statement, not two per instance. One transaction:
        // a conflict (PlacementConflictException) rolls the claims and the task rows back together.
        tx.executeWithoutResult(s -> jdbc.execute((ConnectionCallback<Void>) connection -> {
            PlacementClaims.claim(connection, newTasks, placementVersions);
            taskRows.insert(connection, newTasks);
            return null;
        }));
    }

    @Override
    public void requestStop(UUID taskId, StopCode code, String reason, Instant now) {
        updateTask(taskId, e -> {
            e.setDesiredStatus(DesiredStatus.STOPPED);
            keepFirstStopReason(e, code, reason);
            if (e.getStoppingAt() == null) {
                e.setStoppingAt(now);
            }
        });
    }

    @Override
    public Map<UUID, io.berth.reconciler.model.TaskDrain> drains(java.util.Collection<UUID> taskIds) {
        Map<UUID, io.berth.reconciler.model.TaskDrain> result = new java.util.HashMap<>();
        if (taskIds.isEmpty()) {
            return result;
        }
        jdbc.query("select id, stopping_at, deregistered_at, drained_at from task where id = any (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", taskIds.toArray())),
                rs -> {
                    result.put(rs.getObject(1, UUID.class), new io.berth.reconciler.model.TaskDrain(
                            instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4))));
                });
        return result;
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    // Plain statements, not the entity: the columns are not the entity's to write (see TaskEntity), and "unless
    // already set" is the statement's own condition, so two passes racing write the first time only.
    @Override
    public void recordDeregistered(UUID taskId, Instant at) {
        jdbc.update("update task set deregistered_at = ? where id = ? and deregistered_at is null",
                java.sql.Timestamp.from(at), taskId);
    }

    @Override
    public void recordDrained(UUID taskId, Instant at) {
        jdbc.update("update task set drained_at = ? where id = ? and drained_at is null",
                java.sql.Timestamp.from(at), taskId);
    }

    @Override
    public void requestStops(List<StopRequest> stops, Instant now) {
        if (!stops.isEmpty()) {
            tx.executeWithoutResult(s -> stops.forEach(r -> requestStop(r.taskId(), r.code(), r.reason(), now)));
        }
    }

    @Override
    public void markPending(UUID taskId, Instant now) {
        updateTask(taskId, e -> {
            if (e.getLastStatus() == LastStatus.PROVISIONING) {
                e.setLastStatus(LastStatus.PENDING);
            }
        });
    }

    @Override
    public void markPending(Collection<UUID> taskIds, Instant now) {
        if (taskIds.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(s -> tasks.findAllById(taskIds).forEach(e -> {
            if (e.getLastStatus() == LastStatus.PROVISIONING) {
                e.setLastStatus(LastStatus.PENDING);
            }
        }));
    }

    @Override
    public void markRunning(UUID taskId, List<TaskContainer> containers, Instant startedAt, Instant now) {
        updateTask(taskId, e -> {
            if (e.getLastStatus() == LastStatus.STOPPED) {
                return; // a stop that raced ahead wins: STOPPED is final
            }
            e.setLastStatus(LastStatus.RUNNING);
            if (e.getStartedAt() == null) {
                e.setStartedAt(startedAt);
            }
            mapping.applyContainers(e, containers);
        });
    }

    @Override
    public void recordContainers(UUID taskId, List<TaskContainer> containers, Instant now) {
        updateTask(taskId, e -> mapping.applyContainers(e, containers));
    }

    @Override
    public void recordPull(UUID taskId, Instant startedAt, Instant stoppedAt) {
        updateTask(taskId, e -> {
            if (e.getPullStartedAt() == null || startedAt.isBefore(e.getPullStartedAt())) {
                e.setPullStartedAt(startedAt);
            }
            if (e.getPullStoppedAt() == null || stoppedAt.isAfter(e.getPullStoppedAt())) {
                e.setPullStoppedAt(stoppedAt);
            }
        });
    }

    @Override
    public void recordSecretVersions(UUID taskId, io.berth.reconciler.model.SecretVersions versions) {
        updateTask(taskId, e -> e.setSecretVersions(SecretVersionsJson.write(
                SecretVersionsJson.read(e.getSecretVersions()).plus(versions))));
    }

    @Override
    public void markStopped(UUID taskId, StopCode code, String reason, List<TaskContainer> containers, Instant now) {
        updateTask(taskId, e -> {
            if (e.getLastStatus() == LastStatus.STOPPED) {
                return;
            }
            e.setDesiredStatus(DesiredStatus.STOPPED);
            e.setLastStatus(LastStatus.STOPPED);
            keepFirstStopReason(e, code, reason);
            e.setStoppedAt(now);
            mapping.applyContainers(e, containers);
            if (e.getContainerInstanceId() != null) {
                tasks.flush();
                instances.recomputeRemainingLocked(e.getContainerInstanceId()); // its reservation is freed now
            }
        });
    }

    @Override
    public void appendEvents(UUID serviceId, List<String> messages, Instant now) {
        tx.executeWithoutResult(s -> {
            if (!services.existsById(serviceId)) {
                return; // deleted meanwhile: its events went with it
            }
            eventLog.append(serviceId, messages, now);
        });
    }

    @Override
    public void deleteService(UUID serviceId) {
        tx.executeWithoutResult(s -> services.findById(serviceId).ifPresent(services::delete));
    }

    @Override
    public void recordInstanceContact(UUID instanceId, boolean connected, Instant now) {
        // A user's status write or a registration may move the row's version meanwhile: read again, not fail the pass.
        OptimisticRetry.inTransaction(tx, "container instance " + instanceId, s -> {
            instances.findById(instanceId).ifPresent(e -> {
                if (e.isConnected() != connected) {
                    e.setConnected(connected);
                }
                if (connected) {
                    e.setLastSeen(now);
                }
            });
            return null;
        });
    }

    @Override
    public void recordInstanceRemaining(UUID instanceId, long placementVersion, int remainingCpu, int remainingMemory,
                                        Instant now) {
        tx.executeWithoutResult(s -> instances.recordRemaining(instanceId, placementVersion, remainingCpu,
                remainingMemory));
    }

    // ---- deployments ----

    /** PRIMARY and ACTIVE deployments, plus the newest COMPLETED one (a rollback's target). */
    private List<Deployment> deploymentsOf(UUID serviceId) {
        List<DeploymentEntity> rows = new ArrayList<>(deployments.findByServiceIdAndStatusIn(serviceId,
                EnumSet.of(DeploymentStatus.PRIMARY, DeploymentStatus.ACTIVE)));
        deployments.findFirstByServiceIdAndRolloutStateOrderByCreatedAtDesc(serviceId, RolloutState.COMPLETED)
                .filter(c -> rows.stream().noneMatch(r -> r.getId().equals(c.getId())))
                .ifPresent(rows::add);
        return rows.stream().map(d -> mapping.deployment(d, deployments.countFailedTasks(d.getId()))).toList();
    }

    @Override
    public UUID startDeployment(UUID serviceId, String taskDefinitionArn, Deployment.Trigger trigger, Instant now) {
        return tx.execute(s -> {
            ServiceEntity service = services.findById(serviceId)
                    .orElseThrow(() -> new IllegalStateException("no service " + serviceId));
            TaskDefinitionRef ref = TaskDefinitionRef.parse(taskDefinitionArn);
            TaskDefinitionId td = new TaskDefinitionId(ref.family(), ref.revision());
            deployments.findByServiceIdAndStatus(serviceId, DeploymentStatus.PRIMARY).ifPresent(previous -> {
                if (previous.getRolloutState() == RolloutState.IN_PROGRESS) {
                    previous.finish(RolloutState.FAILED, "superseded by a newer deployment before it completed", now);
                }
                previous.setStatus(DeploymentStatus.ACTIVE, now);
                deployments.saveAndFlush(previous); // the unique PRIMARY index must see it gone before the insert
            });
            if (!service.getTaskDefinition().equals(td)) {
                service.setTaskDefinition(td);
            }
            return deployments.save(new DeploymentEntity(serviceId, td, DeploymentTrigger.valueOf(trigger.name()),
                    service.getDesiredCount(), now)).getId();
        });
    }

    @Override
    public void finishDeployment(UUID deploymentId, Deployment.RolloutState state, String reason, Instant now) {
        tx.executeWithoutResult(s -> deployments.findById(deploymentId).ifPresent(d -> {
            if (d.getRolloutState() == RolloutState.IN_PROGRESS) {
                d.finish(RolloutState.valueOf(state.name()), reason, now);
            }
        }));
    }

    @Override
    public void deactivateDeployment(UUID deploymentId, Instant now) {
        tx.executeWithoutResult(s -> deployments.findById(deploymentId).ifPresent(d -> {
            if (d.getStatus() == DeploymentStatus.ACTIVE) {
                d.setStatus(DeploymentStatus.INACTIVE, now);
            }
        }));
    }

    @Override
    public void recordDaemonCount(UUID serviceId, int count, Instant now) {
        tx.executeWithoutResult(s -> services.findById(serviceId).ifPresent(service -> {
            if (service.getDesiredCount() != count) {
                service.setDesiredCount(count);
            }
            deployments.findByServiceIdAndStatus(serviceId, DeploymentStatus.PRIMARY)
                    .filter(d -> d.getDesiredCount() != count)
                    .ifPresent(d -> d.setDesiredCount(count, now));
        }));
    }

    /** Read by every replica pass: the predicate is that of the partial index service_daemon_idx (V25). */
    @Override
    public java.util.Set<UUID> daemonServices(String cluster) {
        return new java.util.HashSet<>(jdbc.queryForList("select id from service where cluster = ? "
                + "and (spec::jsonb ->> 'schedulingStrategy') = 'DAEMON' and status = 'ACTIVE'", UUID.class, cluster));
    }

    private void updateTask(UUID taskId, Consumer<TaskEntity> change) {
        tx.executeWithoutResult(s -> change.accept(tasks.findWithContainersById(taskId)
                .orElseThrow(() -> new IllegalStateException("no task " + taskId))));
    }

    /** The first reason a task was stopped for is the one users need; later ones (the stop itself) keep it. */
    private static void keepFirstStopReason(TaskEntity e, StopCode code, String reason) {
        if (e.getStopCode() == null && code != null) {
            e.setStopCode(code.name());
        }
        if (e.getStoppedReason() == null && reason != null) {
            e.setStoppedReason(reason);
        }
    }

    private TaskDefinition taskDefinition(TaskDefinitionEntity e) {
        return new TaskDefinition(e.getFamily(), e.getRevision(), specJson.fromJson(e.getSpec()));
    }
}
