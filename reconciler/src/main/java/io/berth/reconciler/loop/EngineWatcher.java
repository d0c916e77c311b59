package io.berth.reconciler.loop;

import io.berth.docker.DockerEngine;
import io.berth.docker.EngineEvent;
import io.berth.docker.EngineException;
import io.berth.reconciler.hosts.ExitHints;
import io.berth.reconciler.model.ContainerLabels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Turns each engine's container events into keys: a container of a service → that service's key;
 * anything else of Berth's → the instance's key. Events carry no decisions, only "look again".
 */
public final class EngineWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EngineWatcher.class);
    /** "kill" and "stop" are only signals; the "die" that follows them is what changes anything. */
    private static final Set<String> INTERESTING = Set.of("start", "die", "oom", "destroy", "health_status");
    private static final Duration RESUBSCRIBE_AFTER = Duration.ofSeconds(1);

    private final WorkQueue<ReconcileKey> queue;
    private final UUID installation;
    private final ExitHints exits;
    private final Map<UUID, DockerEngine.Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile Predicate<UUID> busy = taskId -> false;

    public EngineWatcher(WorkQueue<ReconcileKey> queue, UUID installation, ExitHints exits) {
        this.queue = queue;
        this.installation = installation;
        this.exits = exits;
    }

    /** Subscribes to the engine's events unless already subscribed. */
    public void ensureWatching(UUID instanceId, String cluster, DockerEngine engine) {
        subscriptions.computeIfAbsent(instanceId, id -> {
            try {
                return engine.events(ContainerLabels.clusterFilter(installation, cluster), e -> onEvent(instanceId, e), err -> onError(instanceId, err));
            } catch (EngineException e) {
                log.warn("cannot watch events of instance {}: {}", instanceId, e.getMessage());
                return null;
            }
        });
    }

    public boolean isWatching(UUID instanceId) {
        return subscriptions.containsKey(instanceId);
    }

    private void onEvent(UUID instanceId, EngineEvent event) {
        if (log.isDebugEnabled()) {
            log.debug("event {} {} of container {} on instance {}, {} ms after the engine emitted it", event.action(),
                    event.detail() == null ? "" : event.detail(), event.containerId(), instanceId,
                    java.time.Duration.between(event.time(), java.time.Instant.now()).toMillis());
        }
        if (!INTERESTING.contains(event.action())) {
            return;
        }
        if ("die".equals(event.action()) || "oom".equals(event.action())) {
            exits.exited(event.containerId());
        }
        String serviceId = event.labels().get(ContainerLabels.SERVICE_ID);
        if (serviceId != null && isBusy(event.labels().get(ContainerLabels.TASK_ID))) {
            // Berth's own launch or stop of the task is under way and wakes the service when it ends: a pass now
            // would find the task in flight and only cost an engine call (which the busy engine answers slowly).
            return;
        }
        if (serviceId != null) {
            try {
                queue.add(new ReconcileKey.ServiceKey(UUID.fromString(serviceId)));
                return;
            } catch (IllegalArgumentException e) {
                log.debug("event for container {} with malformed service id {}", event.containerId(), serviceId);
            }
        }
        String taskId = event.labels().get(ContainerLabels.TASK_ID);
        if (taskId != null && event.labels().get(ContainerLabels.SERVICE) == null) {
            try {
                queue.add(new ReconcileKey.TaskKey(UUID.fromString(taskId))); // a one-off task's container
            } catch (IllegalArgumentException e) {
                log.debug("event for container {} with malformed task id {}", event.containerId(), taskId);
            }
        }
        queue.add(new ReconcileKey.InstanceKey(instanceId));
    }

    /**
     * @param busy takes the event of a task whose launch or stop Berth has under way (true: the end of that work
     *             wakes the service) or declines it (false: the event wakes the service as usual)
     */
    public void skipEventsOfBusyTasks(Predicate<UUID> busy) {
        this.busy = busy;
    }

    private boolean isBusy(String taskId) {
        if (taskId == null) {
            return false;
        }
        try {
            return busy.test(UUID.fromString(taskId));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void onError(UUID instanceId, Throwable error) {
        DockerEngine.Subscription s = subscriptions.remove(instanceId);
        log.warn("event stream of instance {} ended: {}", instanceId, error.toString());
        // The instance pass re-subscribes once the engine answers again, and a resync covers what was missed.
        queue.addAfter(new ReconcileKey.InstanceKey(instanceId), RESUBSCRIBE_AFTER);
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void close() {
        subscriptions.values().forEach(DockerEngine.Subscription::close);
        subscriptions.clear();
    }
}
