package io.berth.app.controlloop;

import io.berth.docker.PullPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * berth.reconciler.*: how the control loop runs.
 *
 * @param enabled              false: no loop (API-only tests)
 * @param workers              passes that may run at once (different keys)
 * @param resyncInterval       every service and instance is looked at at least this often
 * @param stopTimeout          SIGTERM → SIGKILL grace when Berth stops a container
 * @param stoppedTaskRetention containers of stopped tasks stay this long for inspection (logs), then go
 * @param stoppedTaskRecordRetention records of stopped tasks stay describable this long, then are deleted; at least
 *                             {@code stoppedTaskRetention} (ECS keeps stopped tasks visible for about an hour)
 * @param pullPolicy           like the ECS agent's ECS_IMAGE_PULL_BEHAVIOR
 * @param backoffInitial       crash-loop backoff: first delay (after the second quick failure in a row)
 * @param backoffMax           crash-loop backoff: longest delay
 * @param hostLostGrace        a host silent this long is lost: its tasks are replaced elsewhere
 * @param leaderElection       true (default): of the Berths sharing a database, one runs the control loop and the
 *                             others stand by (serving the API) until its lease is free ({@code LeaderLease})
 * @param leaderCheckInterval  how often a standby asks for the lease and the leader checks it still holds it
 * @param leaderRenewDeadline  how long a leader whose lease check fails keeps leading while it retries before it
 *                             steps down (Kubernetes' renewDeadline): a database blip shorter than this changes nothing
 * @param passTimeout          a pass still running this long is logged, counted, interrupted and retried with backoff
 *                             ({@code ControlLoop}); its worker is replaced so that the other keys keep flowing
 * @param placementLockWait    how long a pass (or run-task) waits for its cluster's placement lock before it fails
 *                             and is retried; shorter than the pass timeout
 */
@ConfigurationProperties("berth.reconciler")
public record ControlLoopProperties(
        Boolean enabled,
        Integer workers,
        Duration resyncInterval,
        Duration stopTimeout,
        Duration stoppedTaskRetention,
        PullPolicy pullPolicy,
        Integer maxLaunchesPerPass,
        Integer maxStopsPerPass,
        Duration backoffInitial,
        Duration backoffMax,
        Duration stableRun,
        Duration hostLostGrace,
        Duration stoppedTaskRecordRetention,
        Boolean leaderElection,
        Duration leaderCheckInterval,
        Duration leaderRenewDeadline,
        Duration passTimeout,
        Duration placementLockWait) {

    public ControlLoopProperties {
        enabled = enabled == null || enabled;
        workers = workers == null ? 4 : workers;
        resyncInterval = resyncInterval == null ? Duration.ofSeconds(10) : resyncInterval;
        stopTimeout = stopTimeout == null ? Duration.ofSeconds(10) : stopTimeout;
        stoppedTaskRetention = stoppedTaskRetention == null ? Duration.ofMinutes(10) : stoppedTaskRetention;
        pullPolicy = pullPolicy == null ? PullPolicy.DEFAULT : pullPolicy;
        maxLaunchesPerPass = maxLaunchesPerPass == null ? 50 : maxLaunchesPerPass;
        maxStopsPerPass = maxStopsPerPass == null ? 50 : maxStopsPerPass;
        backoffInitial = backoffInitial == null ? Duration.ofSeconds(1) : backoffInitial;
        backoffMax = backoffMax == null ? Duration.ofMinutes(5) : backoffMax;
        stableRun = stableRun == null ? Duration.ofSeconds(10) : stableRun;
        hostLostGrace = hostLostGrace == null ? Duration.ofSeconds(10) : hostLostGrace;
        stoppedTaskRecordRetention = stoppedTaskRecordRetention == null ? Duration.ofHours(1) : stoppedTaskRecordRetention;
        leaderElection = leaderElection == null || leaderElection;
        leaderCheckInterval = leaderCheckInterval == null ? Duration.ofSeconds(2) : leaderCheckInterval;
        leaderRenewDeadline = leaderRenewDeadline == null ? Duration.ofSeconds(15) : leaderRenewDeadline;
        passTimeout = passTimeout == null ? Duration.ofSeconds(60) : passTimeout;
        placementLockWait = placementLockWait == null ? Duration.ofSeconds(20) : placementLockWait;
        if (passTimeout.isNegative() || passTimeout.isZero()) {
            throw new IllegalArgumentException("berth.reconciler.pass-timeout must be positive, got " + passTimeout);
        }
        if (placementLockWait.isNegative() || placementLockWait.compareTo(passTimeout) >= 0) {
            // A wait as long as the pass itself would turn every busy lock into an overrun instead of a quick retry.
            throw new IllegalArgumentException("berth.reconciler.placement-lock-wait (" + placementLockWait
                    + ") must be shorter than berth.reconciler.pass-timeout (" + passTimeout + ")");
        }
        if (leaderRenewDeadline.compareTo(leaderCheckInterval) <= 0) {
            // One failed check would then end the leadership: a blip would be a change of leader again.
            throw new IllegalArgumentException("berth.reconciler.leader-renew-deadline (" + leaderRenewDeadline
                    + ") must be longer than berth.reconciler.leader-check-interval (" + leaderCheckInterval + ")");
        }
        if (stoppedTaskRecordRetention.compareTo(stoppedTaskRetention) < 0) {
            // A record deleted before its containers would leave them to the orphan sweep: keep the order clear.
            throw new IllegalArgumentException("berth.reconciler.stopped-task-record-retention (" + stoppedTaskRecordRetention
                    + ") must not be shorter than berth.reconciler.stopped-task-retention (" + stoppedTaskRetention + ")");
        }
    }
}
