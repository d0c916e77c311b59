package io.berth.reconciler.desiredstate;

import io.berth.docker.EngineInfo;
import io.berth.reconciler.model.ContainerInstance.InstanceStatus;
import io.berth.reconciler.policy.ClusterPolicy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Every write of desired state: what users declare, as opposed to what the control loop observes and records
 * ({@link io.berth.reconciler.store.StateStore}). The API writes only through here, so each rule of a write (a
 * service's event, the events kept per service, a deployment started with its service) holds whoever writes.
 *
 * <p>Each method joins the caller's transaction when there is one (an apply of many documents commits all or
 * nothing) and is its own transaction otherwise. Writes are flushed before a method returns, so a conflict (a
 * unique name or revision, an optimistic lock) surfaces at the call that caused it.
 */
public interface DesiredStateWrites {

    // ---- task definitions ----

    /** Inserts new revisions, all ACTIVE. */
    void registerTaskDefinitions(List<NewTaskDefinition> revisions);

    /**
     * ECS's deregister-task-definition: the revision becomes INACTIVE. Idempotent.
     *
     * @return false when there is no such revision
     */
    boolean deregisterTaskDefinition(String family, int revision);

    // ---- services ----

    /** Inserts the service with its "was created" event; returns its id. */
    UUID createService(NewService service);

    /** Replaces what the user declared for an existing service, counts a new generation and records the event. */
    void configureService(ServiceConfiguration configuration);

    /**
     * Marks the service DRAINING, with {@code event}, unless it already is.
     *
     * @return false when it was already draining (nothing written)
     */
    boolean drainService(UUID serviceId, String event);

    /**
     * Auto scaling sets the service's desired count (its PRIMARY deployment's too), records when it scaled out or
     * in (the cooldowns count from there) and appends the event, in one transaction. The spec and its generation stay:
     * the manifest's desiredCount is only the first value of an auto scaled service.
     *
     * @return false when nothing was written: the service is gone, being deleted, or its count is no longer
     *         {@code scaling.from()}
     */
    boolean scaleService(ServiceScaling scaling, Instant now);

    /**
     * Scheduled scaling's pass over a service, in one transaction: its actions' states, the count their firings set
     * (only when the stored count is still {@code from}) and their events.
     *
     * @return false when the service is gone or its count changed meanwhile (nothing written: the next round
     *         decides again)
     */
    boolean recordScheduledScaling(ScheduledScalingWrite write, Instant now);

    // ---- deployments ----

    /**
     * Starts a new PRIMARY deployment (the previous one becomes ACTIVE) and records the start's event. When the
     * revision differs from the one the service runs, the service moves to it and counts a new generation.
     *
     * @return the new deployment's id
     */
    UUID startDeployment(DeploymentStart start, Instant now);

    /**
     * The service's PRIMARY deployment learns a new desired count (a change that keeps the revision).
     *
     * @return the PRIMARY deployment's id; empty when the service has none
     */
    Optional<UUID> resizePrimaryDeployment(UUID serviceId, int desiredCount, Instant now);

    // ---- events ----

    /**
     * Appends to the service's event log, which keeps the newest {@link ServiceEventRetention#KEPT} events. A
     * service that no longer exists gets nothing.
     */
    void appendEvents(UUID serviceId, List<String> messages, Instant now);

    // ---- clusters and credentials ----

    /** @return true when the cluster was created, false when it existed */
    boolean ensureCluster(String name);

    /** @return false when there is no such cluster */
    boolean replaceClusterPolicy(String cluster, ClusterPolicy policy);

    /** Creates or replaces a registry login (its password already encrypted); true when it was created. */
    boolean saveRegistryCredential(StoredCredential credential);

    /** @return false when there was no such login */
    boolean deleteRegistryCredential(String name);

    // ---- secrets and configs ----

    /**
     * Creates a secret or config at version 1, or stores its new values as the next version.
     *
     * @return the version stored
     */
    int saveSecret(SecretWrite secret);

    /** @return false when there was no such secret or config */
    boolean deleteSecret(io.berth.reconciler.model.SecretFile.Source kind, String name);

    // ---- container instances ----

    /**
     * Records what the engine says about itself and what the user declared, creating the row the first time.
     *
     * @return the instance's id
     */
    UUID applyContainerInstance(ContainerInstanceWrite instance);

    /**
     * What the engine says about itself, refreshed without touching what the user said: the stored custom attributes
     * (except those under a built-in name) and reserved ports are kept; the row is created when missing.
     *
     * @return the instance's id
     */
    UUID refreshContainerInstance(String cluster, String endpoint, String tlsCertPath, EngineInfo info);

    /** ACTIVE or DRAINING; placements that read the instance before plan again. */
    void setContainerInstanceStatus(UUID instanceId, InstanceStatus status);

    /**
     * Makes the instance INACTIVE, unless tasks still run there and {@code force} is false.
     *
     * @return how many tasks that are not STOPPED were counted there (when positive and not forced, nothing changed)
     */
    int deregisterContainerInstance(UUID instanceId, boolean force);

    // ---- traffic ----

    /** Creates or replaces a target group or load balancer; true when it was created. */
    boolean saveTrafficResource(TrafficResourceWrite resource);

    /** @return false when there was no such resource */
    boolean deleteTrafficResource(String cluster, TrafficResourceWrite.Kind kind, String name);

    // ---- scheduled tasks ----

    /**
     * Creates or replaces a scheduled task's spec and labels; true when it was created. Its firing history stays (a
     * new schedule counts from the latest firing handled).
     */
    boolean saveScheduledTask(ScheduledTaskWrite scheduledTask);

    /** Deletes it with its history; tasks it started run on. @return false when there was no such scheduled task */
    boolean deleteScheduledTask(String cluster, String name);
}
