package io.berth.app.api;

import io.berth.app.api.ApplyExecutor.Changed;
import io.berth.app.api.ApplyPlan.ServiceStep;
import io.berth.app.api.ApplyPlan.Step;
import io.berth.app.api.dto.ApplyResponse;
import io.berth.app.api.dto.ApplyResult;
import io.berth.app.api.dto.RolloutSummary;
import io.berth.app.manifest.DurationText;
import io.berth.app.watch.ChangeFeed;
import io.berth.db.model.DeploymentEntity;
import io.berth.db.model.RolloutState;
import io.berth.db.repository.DeploymentRepository;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code apply?wait=true}: after the apply committed, reads the deployments it left PRIMARY again whenever the change
 * log moves (the triggers and sequencer behind {@code GET /v1/watch}: a deployment's new rollout state is a change),
 * until each one has finished, one has failed, or the timeout passed.
 *
 * <p>It follows the deployment ids, not "the service's PRIMARY": after an automatic rollback the PRIMARY is the
 * rollback's deployment, which may well complete, yet the apply failed. A failure answers at once (409) instead
 * of waiting for the other services: the apply as a whole did not roll out.
 */
@Component
public class ApplyWait {

    /**
     * The longest wait between two reads when the change log does not move: a backstop should the sequencer be
     * held up (its round failed: the database hiccupped), not the way a finished rollout is noticed.
     */
    static final Duration BACKSTOP = Duration.ofSeconds(1);
    private static final String GONE = "GONE";

    private final DeploymentRepository deployments;
    private final ChangeFeed changes;

    ApplyWait(DeploymentRepository deployments, ChangeFeed changes) {
        this.deployments = deployments;
        this.changes = changes;
    }

    /** 200 when every rollout completed, 409 when one failed or was rolled back, 504 when the wait ran out. */
    public record Answer(HttpStatus status, ApplyResponse body) {
    }

    /** @param changed what the committed apply created or configured */
    Answer await(ApplyPlan plan, List<Changed> changed, Duration timeout) {
        List<UUID> ids = changed.stream().map(Changed::deploymentId).filter(Objects::nonNull).toList();
        Map<UUID, DeploymentEntity> rows = poll(ids, timeout);
        Map<ServiceStep, Changed> byStep = new IdentityHashMap<>();
        changed.forEach(c -> byStep.put(c.step(), c));

        List<ApplyResult> results = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> inProgress = new ArrayList<>();
        for (Step step : plan.steps()) {
            Changed c = step instanceof ServiceStep service ? byStep.get(service) : null;
            if (c == null || c.deploymentId() == null) {
                results.add(step.result());
                continue;
            }
            String service = "service \"" + c.step().document().name() + "\"";
            DeploymentEntity d = rows.get(c.deploymentId());
            RolloutSummary rollout = d == null ? new RolloutSummary(GONE, "the service was deleted meanwhile")
                    : new RolloutSummary(d.getRolloutState().name(), d.getRolloutReason());
            results.add(step.result().withRollout(rollout));
            if (d == null) {
                failed.add(service + ": deleted while waiting for its rollout");
            } else if (d.getRolloutState() == RolloutState.IN_PROGRESS) {
                inProgress.add(service);
            } else if (d.getRolloutState() != RolloutState.COMPLETED) {
                failed.add(service + ": " + failure(d));
            }
        }
        if (!failed.isEmpty()) {
            return new Answer(HttpStatus.CONFLICT, new ApplyResponse(false, results, String.join("; ", failed)));
        }
        if (!inProgress.isEmpty()) {
            String error = "timed out after %s waiting for the rollout of %s (still IN_PROGRESS); the apply itself "
                    .formatted(DurationText.format(timeout), String.join(", ", inProgress))
                    + "is stored and the rollout goes on";
            return new Answer(HttpStatus.GATEWAY_TIMEOUT, new ApplyResponse(false, results, error));
        }
        return new Answer(HttpStatus.OK, new ApplyResponse(false, results));
    }

    private static String failure(DeploymentEntity d) {
        String what = d.getRolloutState() == RolloutState.ROLLED_BACK ? "deployment rolled back" : "deployment failed";
        return d.getRolloutReason() == null ? what : what + ": " + d.getRolloutReason();
    }

    /**
     * Reads the deployments (each read its own short transaction, so it sees what the loop commits), then sleeps
     * until the change log moves past the position seen before that read, until all finished, one failed or
     * vanished, or the timeout passed; returns the last read. Taking the position first loses no change: one
     * committed after the read moves the log past it.
     */
    private Map<UUID, DeploymentEntity> poll(List<UUID> ids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen = changes.head();
            Map<UUID, DeploymentEntity> rows = deployments.findAllById(ids).stream()
                    .collect(Collectors.toMap(DeploymentEntity::getId, Function.identity()));
            boolean failedOrGone = ids.stream().anyMatch(id -> !rows.containsKey(id)
                    || failedState(rows.get(id).getRolloutState()));
            boolean allDone = rows.values().stream().noneMatch(d -> d.getRolloutState() == RolloutState.IN_PROGRESS);
            long left = deadline - System.nanoTime();
            if (failedOrGone || allDone || left <= 0) {
                return rows;
            }
            try {
                changes.awaitBeyond(seen, Duration.ofNanos(Math.min(BACKSTOP.toNanos(), left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // answer with what is known: a 504 for what still runs
                return rows;
            }
        }
    }

    private static boolean failedState(RolloutState state) {
        return state == RolloutState.FAILED || state == RolloutState.ROLLED_BACK;
    }
}
