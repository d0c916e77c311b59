package io.berth.app.api;

import io.berth.app.api.ApplyPlan.SecretStep;
import io.berth.app.api.ApplyPlan.Step;
import io.berth.app.api.dto.ApplyResult.Outcome;
import io.berth.app.manifest.FieldError;
import io.berth.app.manifest.ManifestDocument;
import io.berth.app.manifest.SecretDocument;
import io.berth.app.manifest.TaskDefinitionDocument;
import io.berth.db.crypto.StoredSecrets;
import io.berth.db.model.SecretEntity;
import io.berth.db.model.SecretKind;
import io.berth.db.model.TaskDefinitionEntity;
import io.berth.db.repository.SecretRepository;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.reconciler.model.TaskDefinitionRef;
import io.berth.reconciler.plan.SecretRolloutPlanner;
import io.berth.reconciler.store.SpecJson;
import io.berth.reconciler.desiredstate.SecretWrite;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.SecretFile;
import io.berth.reconciler.model.SecretReference;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans the Secret and Config documents of an apply, and checks that every secret, config and key a task
 * definition of the same apply names exists (stored, or applied in the same request). Reads only; values are
 * compared decrypted, in memory, so that re-applying the same values is "unchanged" and keeps the version.
 */
@Component
class SecretApplyPlanner {

    /** How many task definitions in use a refused key removal names. */
    private static final int NAMED_USERS = 10;

    private final SecretRepository secrets;
    private final StoredSecrets sealed;
    private final JsonText json;
    private final TaskDefinitionRepository taskDefinitions;
    private final SpecJson specJson;

    SecretApplyPlanner(SecretRepository secrets, StoredSecrets sealed, JsonText json,
                       TaskDefinitionRepository taskDefinitions, SpecJson specJson) {
        this.secrets = secrets;
        this.sealed = sealed;
        this.json = json;
        this.taskDefinitions = taskDefinitions;
        this.specJson = specJson;
    }

    static SecretKind kind(SecretFile.Source source) {
        return source == SecretFile.Source.SECRET ? SecretKind.SECRET : SecretKind.CONFIG;
    }

    /** Fills the steps of the Secret and Config documents. */
    void plan(List<ManifestDocument> documents, Step[] steps) {
        for (int i = 0; i < documents.size(); i++) {
            if (documents.get(i) instanceof SecretDocument d) {
                steps[i] = step(d);
            }
        }
    }

    private SecretStep step(SecretDocument d) {
        String valuesJson = json.canonical(d.values());
        String keys = json.list(List.copyOf(d.values().keySet()));
        String data = d.kind() == SecretFile.Source.SECRET ? sealed.seal(d.name(), valuesJson) : valuesJson;
        SecretWrite write = new SecretWrite(d.kind(), d.name(), keys, data);
        Optional<SecretEntity> existing = secrets.findByKindAndName(kind(d.kind()), d.name());
        if (existing.isEmpty()) {
            return new SecretStep(d, write, Outcome.CREATED, 1);
        }
        SecretEntity e = existing.get();
        boolean same;
        try {
            same = json.stringMap(sealed.open(e)).equals(d.values());
        } catch (StoredSecrets.UnreadableSecretException unreadable) {
            same = false; // sealed with a key no longer configured: the new values replace it
        }
        return same ? new SecretStep(d, write, Outcome.UNCHANGED, e.getVersion())
                : new SecretStep(d, write, Outcome.CONFIGURED, e.getVersion() + 1);
    }

    /**
     * A changed secret or config keeps every key that a task definition revision in use (by a service or a task not
     * stopped) takes: without it, that revision's next launch would fail — a replacement after a host failure too.
     * As a delete in use is refused, so is the removal of a key in use; the revisions are named.
     */
    void checkRemovedKeys(List<ManifestDocument> documents, List<FieldError> errors) {
        List<TaskDefinitionEntity> inUse = null;
        for (int i = 0; i < documents.size(); i++) {
            if (!(documents.get(i) instanceof SecretDocument d)) {
                continue;
            }
            Optional<SecretEntity> existing = secrets.findByKindAndName(kind(d.kind()), d.name());
            if (existing.isEmpty()) {
                continue;
            }
            Set<String> removed = new TreeSet<>(json.stringList(existing.get().getKeyNames()));
            removed.removeAll(d.values().keySet());
            if (removed.isEmpty()) {
                continue;
            }
            if (inUse == null) {
                inUse = revisionsInUse();
            }
            Set<String> users = new TreeSet<>();
            Set<String> keys = new TreeSet<>();
            for (TaskDefinitionEntity td : inUse) {
                Set<String> taken = SecretRolloutPlanner.keysUsed(specJson.fromJson(td.getSpec()), d.kind(), d.name());
                taken.retainAll(removed);
                if (!taken.isEmpty()) {
                    users.add(td.getFamily() + ":" + td.getRevision());
                    keys.addAll(taken);
                }
            }
            if (!users.isEmpty()) {
                List<String> named = users.stream().limit(NAMED_USERS).toList();
                errors.add(new FieldError("documents[" + i + "]", d.kind().field() + " \"" + d.name() + "\" drops "
                        + (keys.size() == 1 ? "key " : "keys ") + String.join(", ", keys) + ", which task definition"
                        + (users.size() > 1 ? "s " : " ") + String.join(", ", named)
                        + (users.size() > named.size() ? " and " + (users.size() - named.size()) + " more" : "")
                        + " in use take; keep the key until no revision in use names it"));
            }
        }
    }

    private List<TaskDefinitionEntity> revisionsInUse() {
        List<TaskDefinitionEntity> result = new java.util.ArrayList<>();
        for (String revision : secrets.findTaskDefinitionsInUse()) {
            TaskDefinitionRef ref = TaskDefinitionRef.parse(revision);
            taskDefinitions.findByFamilyAndRevision(ref.family(), ref.revision()).ifPresent(result::add);
        }
        return result;
    }

    /** Every {@code secrets[].valueFrom} and {@code files[]} of the request's task definitions resolves. */
    void checkReferences(List<ManifestDocument> documents, List<FieldError> errors) {
        Map<String, Set<String>> inRequest = new HashMap<>();
        for (ManifestDocument document : documents) {
            if (document instanceof SecretDocument d) {
                inRequest.put(d.kind().field() + "/" + d.name(), new TreeSet<>(d.values().keySet()));
            }
        }
        Map<String, Optional<Set<String>>> known = new HashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            if (!(documents.get(i) instanceof TaskDefinitionDocument td)) {
                continue;
            }
            List<ContainerDefinition> containers = td.spec().containers();
            for (int c = 0; c < containers.size(); c++) {
                String path = "documents[" + i + "].spec.containers[" + c + "]";
                List<SecretReference> refs = containers.get(c).options().secrets();
                for (int k = 0; k < refs.size(); k++) {
                    SecretReference ref = refs.get(k);
                    String refPath = path + ".secrets[" + k + "].valueFrom";
                    problem(SecretFile.Source.SECRET, ref.secret(), ref.key(), inRequest, known).ifPresent(p ->
                            errors.add(new FieldError(refPath, p)));
                }
                List<SecretFile> files = containers.get(c).options().files();
                for (int f = 0; f < files.size(); f++) {
                    SecretFile file = files.get(f);
                    String filePath = path + ".files[" + f + "]";
                    problem(file.source(), file.name(), file.key(), inRequest, known).ifPresent(p ->
                            errors.add(new FieldError(filePath + "." + file.source().field(), p)));
                }
            }
        }
    }

    private Optional<String> problem(SecretFile.Source source, String name, String key,
                                     Map<String, Set<String>> inRequest, Map<String, Optional<Set<String>>> known) {
        String id = source.field() + "/" + name;
        Optional<Set<String>> keys = inRequest.containsKey(id) ? Optional.of(inRequest.get(id))
                : known.computeIfAbsent(id, x -> secrets.findByKindAndName(kind(source), name)
                        .map(e -> (Set<String>) new TreeSet<>(json.stringList(e.getKeyNames()))));
        String what = source == SecretFile.Source.SECRET ? "Secret" : "Config";
        if (keys.isEmpty()) {
            return Optional.of(what.toLowerCase(java.util.Locale.ROOT) + " \"" + name + "\" does not exist; apply a "
                    + what + " named \"" + name + "\" first or in the same request");
        }
        if (!keys.get().contains(key)) {
            return Optional.of(what.toLowerCase(java.util.Locale.ROOT) + " \"" + name + "\" has no key \"" + key
                    + "\" (its keys: " + keys.get() + ")");
        }
        return Optional.empty();
    }
}
