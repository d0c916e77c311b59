package io.berth.reconciler.loop;

import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.hosts.InstanceHealth;
import io.berth.reconciler.pass.InstancePass;
import io.berth.reconciler.pass.ServicePass;
import io.berth.reconciler.pass.ScheduledTaskPass;
import io.berth.reconciler.pass.OneOffTaskPass;
import io.berth.reconciler.pass.TaskRecordRetention;
import io.berth.reconciler.pass.TrafficPass;
import io.berth.reconciler.store.StateStore;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** Routes each key to its pass. The resync key re-enqueues everything: the backstop for missed events. */
public final class Reconcilers implements KeyReconciler {

    private final ServicePass services;
    private final OneOffTaskPass standalone;
    private final TaskRecordRetention records;
    private final InstancePass instances;
    private final EngineWatcher watcher;
    private final EngineRegistry engines;
    private final StateStore store;
    private final WorkQueue<ReconcileKey> queue;
    private static final Duration SILENT_RECHECK = Duration.ofSeconds(1);

    private final Duration resyncInterval;
    private final InstanceHealth health;
    private final Duration heartbeat;
    private final Optional<TrafficPass> traffic;
    private final Optional<ScheduledTaskPass> scheduled;

    public Reconcilers(ServicePass services, OneOffTaskPass standalone, TaskRecordRetention records,
                       InstancePass instances, EngineWatcher watcher, EngineRegistry engines, StateStore store,
                       WorkQueue<ReconcileKey> queue, Duration resyncInterval, InstanceHealth health, Duration heartbeat) {
        this(services, standalone, records, instances, watcher, engines, store, queue, resyncInterval, health,
                heartbeat, null);
    }

    /** @param traffic the load balancers' pass; null when this loop runs none */
    public Reconcilers(ServicePass services, OneOffTaskPass standalone, TaskRecordRetention records,
                       InstancePass instances, EngineWatcher watcher, EngineRegistry engines, StateStore store,
                       WorkQueue<ReconcileKey> queue, Duration resyncInterval, InstanceHealth health, Duration heartbeat,
                       TrafficPass traffic) {
        this(services, standalone, records, instances, watcher, engines, store, queue, resyncInterval, health,
                heartbeat, traffic, null);
    }

    /** @param scheduled the scheduled tasks' firing pass; null when this loop runs none */
    public Reconcilers(ServicePass services, OneOffTaskPass standalone, TaskRecordRetention records,
                       InstancePass instances, EngineWatcher watcher, EngineRegistry engines, StateStore store,
                       WorkQueue<ReconcileKey> queue, Duration resyncInterval, InstanceHealth health, Duration heartbeat,
                       TrafficPass traffic, ScheduledTaskPass scheduled) {
        this.scheduled = Optional.ofNullable(scheduled);
        this.traffic = Optional.ofNullable(traffic);
        this.standalone = standalone;
        this.records = records;
        this.heartbeat = heartbeat;
        this.health = health;
        this.services = services;
        this.instances = instances;
        this.watcher = watcher;
        this.engines = engines;
        this.store = store;
        this.queue = queue;
        this.resyncInterval = resyncInterval;
        services.onWorkFinished(id -> queue.add(new ReconcileKey.ServiceKey(id)));
        // A stop held back for draining goes ahead as soon as the drain is recorded, not at its deadline.
        this.traffic.ifPresent(t -> t.onDrainProgress(id -> queue.add(new ReconcileKey.ServiceKey(id))));
        watcher.skipEventsOfBusyTasks(services::absorbEvent);
    }

    @Override
    public Optional<Duration> reconcile(ReconcileKey key) {
        return switch (key) {
            case ReconcileKey.ServiceKey k -> services.reconcile(k.serviceId());
            case ReconcileKey.InstanceKey k -> reconcileInstance(k.instanceId());
            case ReconcileKey.TaskKey k -> standalone.reconcile(k.taskId());
            case ReconcileKey.TrafficKey k -> traffic.flatMap(t -> t.reconcile(k.cluster()));
            case ReconcileKey.ScheduleKey k -> scheduled.flatMap(ScheduledTaskPass::reconcile);
            case ReconcileKey.Resync r -> resync();
        };
    }

    /**
     * A silent instance is looked at every second; once it is lost, every service is looked at, so that tasks
     * it ran are replaced elsewhere within the grace period plus a pass — not at the next resync.
     */
    private Optional<Duration> reconcileInstance(UUID id) {
        boolean answered = instances.reconcile(id);
        if (answered) {
            store.instance(id).ifPresent(i -> engines.engine(id).ifPresent(e -> watcher.ensureWatching(id, i.cluster(), e)));
            // A heartbeat: an event stream on a cut link can stay silent for long; a ping every few seconds cannot.
            return store.instance(id).isPresent() ? Optional.of(heartbeat) : Optional.empty();
        }
        if (health.lost().contains(id)) {
            store.serviceIds().forEach(s -> queue.add(new ReconcileKey.ServiceKey(s)));
        }
        return store.instance(id).isPresent() ? Optional.of(SILENT_RECHECK) : Optional.empty();
    }

    private Optional<Duration> resync() {
        store.instances().forEach(i -> queue.add(new ReconcileKey.InstanceKey(i.id())));
        store.serviceIds().forEach(id -> queue.add(new ReconcileKey.ServiceKey(id)));
        store.standaloneTaskIds().forEach(id -> queue.add(new ReconcileKey.TaskKey(id)));
        if (traffic.isPresent()) {
            // Each cluster's traffic pass re-enqueues itself while it has load balancers; this starts it (and
            // restarts it once a load balancer is applied to a cluster that had none).
            store.instances().stream().map(i -> i.cluster()).distinct()
                    .forEach(c -> queue.add(new ReconcileKey.TrafficKey(c)));
        }
        // The firing pass re-enqueues itself; this starts it, and restarts it should a pass ever have failed.
        scheduled.ifPresent(s -> queue.add(new ReconcileKey.ScheduleKey()));
        records.collect();
        return Optional.of(resyncInterval);
    }
}
