package io.berth.app.api;

import io.berth.app.wakeups.ReconcileNotifier;
import io.berth.app.api.dto.DeploymentView;
import io.berth.db.model.DeploymentEntity;
import io.berth.db.model.RolloutState;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.ServiceStatus;
import io.berth.db.model.TaskDefinitionId;
import io.berth.db.model.TaskDefinitionStatus;
import io.berth.db.repository.DeploymentRepository;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.desiredstate.DeploymentStart;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * User-started deployments: rollback ({@code kubectl rollout undo}) and restart ({@code kubectl rollout restart}).
 * Each starts a new PRIMARY deployment in one transaction, then tells the loop, which replaces the tasks within
 * the service's rollout bounds, as for an apply.
 *
 * <p>A rollback points the service at an older revision but leaves its manifest's {@code taskDefinition} as it
 * was: applying the manifest again rolls forward, as applying a Deployment does after {@code kubectl rollout undo}.
 */
@Service
public class DeploymentActions {

    /** "web:3" or "3". */
    private static final Pattern TARGET = Pattern.compile("(?:([^:]+):)?([0-9]{1,9})");
    static final String TARGET_FIELD = "taskDefinition";

    private final ServiceViews services;
    private final DeploymentViews views;
    private final DeploymentRepository deployments;
    private final TaskDefinitionRepository taskDefinitions;
    private final DesiredStateWrites writes;
    private final ReconcileNotifier notifier;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public DeploymentActions(ServiceViews services, DeploymentViews views, DeploymentRepository deployments,
                             TaskDefinitionRepository taskDefinitions, DesiredStateWrites writes,
                             ReconcileNotifier notifier, Clock clock,
                             PlatformTransactionManager transactionManager) {
        this.services = services;
        this.views = views;
        this.deployments = deployments;
        this.taskDefinitions = taskDefinitions;
        this.writes = writes;
        this.notifier = notifier;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * @param target "family:N", "N", or null for the newest completed deployment of another revision
     * @throws InvalidFieldException 422 for a target that is malformed, of another family or does not exist
     * @throws org.springframework.web.server.ResponseStatusException 404 unknown; 409 draining, or nothing to go back to
     */
    public DeploymentView rollback(String cluster, String name, String target) {
        return start(cluster, name, service -> {
            TaskDefinitionId revision = target == null || target.isBlank()
                    ? previousCompleted(service)
                    : named(service, target.strip());
            if (revision.equals(service.getTaskDefinition())) {
                throw ApiErrors.conflict("service \"" + name + "\" already runs " + revision
                        + "; to replace its tasks, restart it");
            }
            return new Start(revision, Deployment.Trigger.ROLLBACK, "service %s is rolling back: %s -> %s"
                    .formatted(name, service.getTaskDefinition(), revision));
        });
    }

    /** A new deployment of the same revision: every task is replaced, within the rollout bounds. */
    public DeploymentView restart(String cluster, String name) {
        return start(cluster, name, service -> new Start(service.getTaskDefinition(), Deployment.Trigger.RESTART,
                "service %s is restarting: replacing every task of %s".formatted(name, service.getTaskDefinition())));
    }

    private record Start(TaskDefinitionId revision, Deployment.Trigger trigger, String event) {
    }

    private interface Decision {
        Start decide(ServiceEntity service);
    }

    private DeploymentView start(String cluster, String name, Decision decision) {
        Started started;
        try {
            started = transaction.execute(status -> started(cluster, name, decision));
        } catch (DataIntegrityViolationException | ConcurrencyFailureException e) {
            // Another apply, rollback or restart of this service committed first (one PRIMARY per service).
            throw ApiErrors.conflict("service \"" + name + "\" was changed concurrently; look at its rollout "
                    + "and try again");
        }
        notifier.serviceChanged(started.serviceId());
        return started.view();
    }

    private Started started(String cluster, String name, Decision decision) {
        ServiceEntity service = services.find(cluster, name);
        if (service.getStatus() == ServiceStatus.DRAINING) {
            throw ApiErrors.conflict("service \"" + name + "\" in cluster \"" + cluster + "\" is being deleted");
        }
        Start start = decision.decide(service);
        // The service counts a new generation when the revision it runs changes (a rollback), as by an apply.
        var id = writes.startDeployment(new DeploymentStart(service.getId(), start.revision().toString(),
                start.trigger(), start.event()), clock.instant());
        DeploymentEntity created = deployments.findById(id).orElseThrow();
        return new Started(service.getId(), views.views(List.of(created)).getFirst());
    }

    private record Started(UUID serviceId, DeploymentView view) {
    }

    /** Like ECS's automatic rollback target: the newest deployment that completed, here of another revision. */
    private TaskDefinitionId previousCompleted(ServiceEntity service) {
        return deployments.findByServiceIdAndRolloutStateOrderByCreatedAtDesc(service.getId(), RolloutState.COMPLETED)
                .stream()
                .map(DeploymentEntity::getTaskDefinition)
                .filter(revision -> !revision.equals(service.getTaskDefinition()))
                .filter(this::usable)
                .findFirst()
                .orElseThrow(() -> ApiErrors.conflict("service \"" + service.getName() + "\" has no completed "
                        + "deployment of a revision other than " + service.getTaskDefinition()
                        + " to roll back to; name one with {\"taskDefinition\": \"" + service.getTaskFamily()
                        + ":N\"}"));
    }

    private TaskDefinitionId named(ServiceEntity service, String target) {
        Matcher matcher = TARGET.matcher(target);
        if (!matcher.matches() || Integer.parseInt(matcher.group(2)) < 1) {
            throw new InvalidFieldException(TARGET_FIELD, "must be \"family:revision\" or \"revision\" with "
                    + "revision >= 1, got \"" + target + "\"");
        }
        String family = matcher.group(1) == null ? service.getTaskFamily() : matcher.group(1);
        if (!family.equals(service.getTaskFamily())) {
            throw new InvalidFieldException(TARGET_FIELD, "must be a revision of \"" + service.getTaskFamily()
                    + "\", the family service \"" + service.getName() + "\" runs; got \"" + target + "\"");
        }
        TaskDefinitionId revision = new TaskDefinitionId(family, Integer.parseInt(matcher.group(2)));
        if (taskDefinitions.findByFamilyAndRevision(family, revision.revision()).isEmpty()) {
            throw new InvalidFieldException(TARGET_FIELD, "task definition " + revision + " does not exist");
        }
        if (!usable(revision)) {
            throw new InvalidFieldException(TARGET_FIELD, "task definition " + revision + " is INACTIVE: "
                    + "no new tasks can be started from it");
        }
        return revision;
    }

    /** INACTIVE revisions keep their running tasks but start no new ones, so they are no rollback target. */
    private boolean usable(TaskDefinitionId revision) {
        return taskDefinitions.findByFamilyAndRevision(revision.family(), revision.revision())
                .map(td -> td.getStatus() == TaskDefinitionStatus.ACTIVE)
                .orElse(false);
    }
}
