package io.berth.app.api;

import io.berth.app.api.dto.SecretView;
import io.berth.db.crypto.StoredSecrets;
import io.berth.db.model.SecretEntity;
import io.berth.db.model.SecretKind;
import io.berth.db.model.TaskDefinitionEntity;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.ServiceStatus;
import io.berth.db.repository.SecretRepository;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import io.berth.reconciler.model.SecretFile;
import io.berth.reconciler.model.TaskDefinitionRef;
import io.berth.reconciler.plan.SecretRolloutPlanner;
import io.berth.reconciler.store.SpecJson;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Reads and deletes secrets and configs (they are created and changed by apply). A secret's values never leave
 * here; a config's are shown.
 */
@Service
@Transactional
public class Secrets {

    /** How many task definitions in use a refused delete names; the rest are counted. */
    private static final int NAMED_USERS = 10;

    private final SecretRepository secrets;
    private final TaskDefinitionRepository taskDefinitions;
    private final StoredSecrets sealed;
    private final SpecJson specJson;
    private final JsonText json;
    private final DesiredStateWrites writes;
    private final ServiceRepository services;

    public Secrets(SecretRepository secrets, TaskDefinitionRepository taskDefinitions, StoredSecrets sealed,
                   SpecJson specJson, JsonText json, DesiredStateWrites writes, ServiceRepository services) {
        this.services = services;
        this.secrets = secrets;
        this.taskDefinitions = taskDefinitions;
        this.sealed = sealed;
        this.specJson = specJson;
        this.json = json;
        this.writes = writes;
    }

    @Transactional(readOnly = true)
    Page<SecretView> page(SecretKind kind, PageRequest request) {
        String after = request.afterName();
        List<SecretEntity> rows = after == null ? secrets.findByKindOrderByName(kind, request.probe())
                : secrets.findByKindAndNameGreaterThanOrderByName(kind, after, request.probe());
        return Page.of(rows, request.limit(), this::view, e -> ContinueToken.encodeName(e.getName()));
    }

    @Transactional(readOnly = true)
    public SecretView get(SecretKind kind, String name) {
        return secrets.findByKindAndName(kind, name).map(this::view).orElseThrow(() -> notFound(kind, name));
    }

    /** Refused (409) while a task definition revision in use (by a service or a task not stopped) names it. */
    public void delete(SecretKind kind, String name) {
        if (secrets.findByKindAndName(kind, name).isEmpty()) {
            throw notFound(kind, name);
        }
        SecretFile.Source source = kind == SecretKind.SECRET ? SecretFile.Source.SECRET : SecretFile.Source.CONFIG;
        TreeSet<String> users = new TreeSet<>();
        for (String revision : secrets.findTaskDefinitionsInUse()) {
            TaskDefinitionRef ref = TaskDefinitionRef.parse(revision);
            TaskDefinitionEntity td = taskDefinitions.findByFamilyAndRevision(ref.family(), ref.revision()).orElse(null);
            if (td != null && SecretRolloutPlanner.uses(specJson.fromJson(td.getSpec()), source, name)) {
                users.add(revision);
            }
        }
        if (!users.isEmpty()) {
            List<String> named = users.stream().limit(NAMED_USERS).toList();
            TreeSet<String> byServices = new TreeSet<>();
            for (ServiceEntity service : services.findByStatusIn(List.of(ServiceStatus.ACTIVE, ServiceStatus.DRAINING))) {
                if (users.contains(service.getTaskDefinition().toString())) {
                    byServices.add(service.getCluster() + "/" + service.getName());
                }
            }
            List<String> namedServices = byServices.stream().limit(NAMED_USERS).toList();
            throw ApiErrors.conflict(word(kind) + " \"" + name + "\" is used by task definition"
                    + (users.size() > 1 ? "s " : " ") + String.join(", ", named)
                    + (users.size() > named.size() ? " and " + (users.size() - named.size()) + " more" : "")
                    + (byServices.isEmpty() ? " (of running tasks)" : " (services " + String.join(", ", namedServices)
                    + (byServices.size() > namedServices.size() ? " and " + (byServices.size() - namedServices.size())
                    + " more" : "") + ")")
                    + ": move them to revisions without it first");
        }
        writes.deleteSecret(source, name);
    }

    private SecretView view(SecretEntity e) {
        return new SecretView(e.getName(), json.stringList(e.getKeyNames()), e.getVersion(), e.getCreatedAt(),
                e.getUpdatedAt(), e.getKind() == SecretKind.CONFIG ? json.stringMap(sealed.open(e)) : null);
    }

    private static String word(SecretKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static org.springframework.web.server.ResponseStatusException notFound(SecretKind kind, String name) {
        return ApiErrors.notFound(word(kind) + " \"" + name + "\" not found");
    }
}
