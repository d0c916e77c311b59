package io.berth.app.api;

import io.berth.app.manifest.ContainerInstanceDocument;
import io.berth.app.manifest.LoadBalancerDocument;
import io.berth.app.manifest.ManifestDocument;
import io.berth.app.manifest.RoleDocument;
import io.berth.app.manifest.SecretDocument;
import io.berth.app.manifest.ScheduledTaskDocument;
import io.berth.app.manifest.ServiceDocument;
import io.berth.app.manifest.TargetGroupDocument;
import io.berth.app.manifest.TaskDefinitionDocument;
import io.berth.app.security.access.AccessDeniedException;
import io.berth.app.security.access.AccessPolicy;
import io.berth.app.security.access.Permission;
import io.berth.app.security.access.Resource;
import io.berth.app.security.access.Verb;
import io.berth.app.security.identity.Caller;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an apply needs, document by document: create and update (an apply is an upsert) on the document's kind in its
 * cluster. The route cannot say it (the body names the clusters), so the apply asks here once it has parsed the
 * body, before it reads or writes anything.
 */
@Component
class DocumentAccess {

    private final AccessPolicy policy;

    DocumentAccess(AccessPolicy policy) {
        this.policy = policy;
    }

    /** @throws AccessDeniedException naming the first document's kind, cluster and verb that the caller lacks */
    void check(List<ManifestDocument> documents) {
        Optional<Caller> caller = currentCaller();
        if (caller.isEmpty()) {
            return;
        }
        for (ManifestDocument document : documents) {
            Permission create = permission(Verb.CREATE, document);
            policy.check(caller.get(), create);
            policy.check(caller.get(), new Permission(Verb.UPDATE, create.resource(), create.cluster()));
            if (document instanceof ScheduledTaskDocument scheduled) {
                // A scheduled task starts tasks in its cluster: scheduling them needs the right to start them too.
                policy.check(caller.get(), new Permission(Verb.CREATE, Resource.TASKS, scheduled.cluster()));
            }
            if (document instanceof RoleDocument role) {
                // No escalation through a role either: only what the caller holds in every cluster.
                policy.checkCanGrant(caller.get(), role.role(), Set.of());
            }
        }
    }

    static Permission permission(Verb verb, ManifestDocument document) {
        return switch (document) {
            case TaskDefinitionDocument td -> new Permission(verb, Resource.TASK_DEFINITIONS, null);
            case ServiceDocument s -> new Permission(verb, Resource.SERVICES, s.cluster());
            case ContainerInstanceDocument i -> new Permission(verb, Resource.INSTANCES, i.cluster());
            case TargetGroupDocument t -> new Permission(verb, Resource.TARGET_GROUPS, t.cluster());
            case LoadBalancerDocument l -> new Permission(verb, Resource.LOAD_BALANCERS, l.cluster());
            case RoleDocument r -> new Permission(verb, Resource.ROLES, null);
            // Secrets and configs are guarded like registry credentials: installation-wide, not readable by default.
            case SecretDocument s -> new Permission(verb, Resource.CREDENTIALS, null);
            case ScheduledTaskDocument s -> new Permission(verb, Resource.SCHEDULED_TASKS, s.cluster());
        };
    }

    /**
     * The caller of the HTTP request this thread serves. Outside a request (an apply Berth makes itself) there is no
     * caller and nothing to check; inside one, authentication always put one there, so a missing one is refused.
     */
    private static Optional<Caller> currentCaller() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return Optional.empty();
        }
        return Optional.of(Caller.of(attributes.getRequest())
                .orElseThrow(() -> new AccessDeniedException("no authenticated caller on this request")));
    }
}
