package io.berth.reconciler.plan;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.SecretFile;
import io.berth.reconciler.model.TaskDefinitionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Which services a change of secrets or configs rolls out: those that say {@code rolloutOnChange: true} and whose
 * task definition uses one that changed, unless they get a new deployment anyway. The others keep their tasks, which
 * keep the values they were started with; their new tasks get the new values. Pure.
 */
public final class SecretRolloutPlanner {

    /** A changed secret or config and its new version. */
    public record Changed(SecretFile.Source source, String name, int version) {
    }

    /**
     * A service that may be rolled out.
     *
     * @param revision        its task definition, "family:revision"
     * @param deployingAnyway the same apply starts a deployment of it (created, or its revision changes)
     */
    public record Candidate(UUID serviceId, String name, boolean rolloutOnChange, String revision,
                            TaskDefinitionSpec spec, boolean deployingAnyway) {
    }

    /** A new deployment of the same revision, with the event that says why. */
    public record Rollout(UUID serviceId, String name, String revision, String event) {
    }

    private SecretRolloutPlanner() {
    }

    public static List<Rollout> plan(List<Changed> changed, List<Candidate> services) {
        List<Rollout> rollouts = new ArrayList<>();
        if (changed.isEmpty()) {
            return rollouts;
        }
        for (Candidate service : services) {
            if (!service.rolloutOnChange() || service.deployingAnyway()) {
                continue;
            }
            Map<String, Integer> used = new TreeMap<>();
            for (Changed c : changed) {
                if (uses(service.spec(), c.source(), c.name())) {
                    used.put(c.source().field() + " " + c.name(), c.version());
                }
            }
            if (!used.isEmpty()) {
                List<String> words = new ArrayList<>();
                used.forEach((what, version) -> words.add(what + " (version " + version + ")"));
                rollouts.add(new Rollout(service.serviceId(), service.name(), service.revision(),
                        "service %s is rolling out %s: %s changed".formatted(service.name(), service.revision(),
                                String.join(", ", words))));
            }
        }
        return rollouts;
    }

    /** Whether a container of {@code spec} reads the secret or config {@code name}. */
    /** The keys of the secret or config {@code name} that the spec's containers take, as variables or files. */
    public static java.util.Set<String> keysUsed(TaskDefinitionSpec spec, SecretFile.Source source, String name) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (ContainerDefinition c : spec.containers()) {
            if (source == SecretFile.Source.SECRET) {
                c.options().secrets().stream().filter(r -> r.secret().equals(name)).forEach(r -> keys.add(r.key()));
            }
            c.options().files().stream().filter(f -> f.source() == source && f.name().equals(name))
                    .forEach(f -> keys.add(f.key()));
        }
        return keys;
    }

    public static boolean uses(TaskDefinitionSpec spec, SecretFile.Source source, String name) {
        for (ContainerDefinition c : spec.containers()) {
            if (source == SecretFile.Source.SECRET && c.options().secrets().stream().anyMatch(r -> r.secret().equals(name))) {
                return true;
            }
            if (c.options().files().stream().anyMatch(f -> f.source() == source && f.name().equals(name))) {
                return true;
            }
        }
        return false;
    }
}
