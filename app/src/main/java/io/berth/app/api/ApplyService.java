package io.berth.app.api;

import io.berth.app.wakeups.ReconcileNotifier;
import io.berth.app.api.ApplyExecutor.Changed;
import io.berth.app.api.dto.ApplyResponse;
import io.berth.app.instances.InstanceManifests;
import io.berth.app.manifest.ManifestDocument;
import io.berth.app.manifest.ManifestFormat;
import io.berth.app.manifest.ManifestParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies a manifest all or nothing: parse and check every document, plan, write, all in one transaction;
 * then, once committed, tell the control loop about the services that changed.
 *
 * <p>Two applies that touch the same family or service at once collide in the database (primary key of
 * a new revision, the service's unique name or its version). The loser's transaction is rolled back and
 * run once more from scratch, which then sees the winner's work (often turning into "unchanged"); if it
 * collides again the client gets a 409 to retry, never a 500.
 */
@Service
public class ApplyService {

    private static final Logger log = LoggerFactory.getLogger(ApplyService.class);
    private static final int ATTEMPTS = 2;

    private final ManifestParser parser;
    private final ApplyPlanner planner;
    private final ApplyExecutor executor;
    private final ReconcileNotifier notifier;
    private final TransactionTemplate transaction;
    private final ApplyWait wait;

    private final InstanceManifests instanceManifests;
    private final DocumentAccess access;

    public ApplyService(ManifestParser parser, ApplyPlanner planner, ApplyExecutor executor,
                        ReconcileNotifier notifier, PlatformTransactionManager transactionManager, ApplyWait wait,
                        InstanceManifests instanceManifests, DocumentAccess access) {
        this.access = access;
        this.instanceManifests = instanceManifests;
        this.wait = wait;
        this.parser = parser;
        this.planner = planner;
        this.executor = executor;
        this.notifier = notifier;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * @throws io.berth.app.manifest.ManifestSyntaxException     400
     * @throws io.berth.app.manifest.ManifestValidationException 422, listing every offending field
     */
    public ApplyResponse apply(String body, ManifestFormat format, boolean dryRun) {
        Applied applied = applyCommitted(body, format, dryRun);
        return new ApplyResponse(dryRun, applied.plan().results());
    }

    /**
     * Applies, then waits until the rollouts of the services it created or configured have finished: 200 when
     * they all completed, 409 when one failed or was rolled back, 504 when {@code timeout} passed first.
     */
    public ApplyWait.Answer applyAndWait(String body, ManifestFormat format, Duration timeout) {
        // The loop can only finish a deployment it can see: waiting inside a caller's transaction would wait
        // for rows nobody else can read yet, until the timeout.
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("apply?wait must not run inside a transaction");
        }
        Applied applied = applyCommitted(body, format, false);
        return wait.await(applied.plan(), applied.changed(), timeout);
    }

    /** Applies documents read elsewhere (an ECS register-task-definition body), like a manifest of them. */
    public ApplyResponse applyDocuments(List<ManifestDocument> documents) {
        return new ApplyResponse(false, applyCommitted(documents, false).plan().results());
    }

    /** Runs the apply's transaction (retried once on a collision) and, after the commit, tells the loop. */
    private Applied applyCommitted(String body, ManifestFormat format, boolean dryRun) {
        return applyCommitted(parser.parse(body, format).documentsOrThrow(), dryRun);
    }

    private Applied applyCommitted(List<ManifestDocument> documents, boolean dryRun) {
        // Before anything is read or probed: a caller learns nothing from a document it may not apply.
        access.check(documents);
        // Engines are asked about themselves before the transaction (network I/O holds no database connection),
        // and used by the loop only once the rows are committed. A dry run asks none: it has no side effects.
        Map<Integer, InstanceManifests.Probe> probes = instanceManifests.probeAll(documents, dryRun);
        Map<Integer, InstanceManifests.Probe> unused = new HashMap<>(probes);
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    Map<ApplyPlan.InstanceStep, UUID> stored = new HashMap<>();
                    Applied applied = transaction.execute(status -> {
                        stored.clear();
                        ApplyPlan plan = planner.plan(documents, probes);
                        if (dryRun) {
                            status.setRollbackOnly();
                            return new Applied(plan, List.of());
                        }
                        return new Applied(plan, executor.execute(plan, stored));
                    });
                    stored.forEach((step, id) -> {
                        instanceManifests.activate(step.probe(), id);
                        unused.values().remove(step.probe());
                    });
                    notifier.servicesChanged(applied.changed().stream().map(Changed::serviceId).toList());
                    if (!dryRun && !applied.plan().rollouts().isEmpty()) {
                        notifier.servicesChanged(applied.plan().rollouts().stream()
                                .map(io.berth.reconciler.plan.SecretRolloutPlanner.Rollout::serviceId).toList());
                    }
                    if (!dryRun) {
                        applied.plan().steps().stream()
                                .filter(s -> s instanceof ApplyPlan.TrafficStep t && t.outcome().changes())
                                .map(s -> ((ApplyPlan.TrafficStep) s).write().cluster()).distinct()
                                .forEach(notifier::trafficChanged);
                        if (applied.plan().steps().stream().anyMatch(s -> s instanceof ApplyPlan.ScheduledTaskStep t
                                && t.outcome().changes())) {
                            notifier.scheduledTasksChanged();
                        }
                    }
                    return applied;
                } catch (DataIntegrityViolationException | ConcurrencyFailureException e) {
                    if (attempt == ATTEMPTS) {
                        throw concurrentApply(e);
                    }
                    log.debug("Apply collided with a concurrent change; retrying", e);
                }
            }
        } finally {
            instanceManifests.discard(unused); // a dry run, an unchanged instance, or an apply that failed
        }
    }

    private static RuntimeException concurrentApply(DataAccessException e) {
        log.info("Apply collided twice with concurrent changes: {}", e.getMostSpecificCause().getMessage());
        return ApiErrors.conflict("a concurrent apply changed the same task definitions or services; "
                + "apply again (it is idempotent)");
    }

    private record Applied(ApplyPlan plan, List<Changed> changed) {
    }
}
