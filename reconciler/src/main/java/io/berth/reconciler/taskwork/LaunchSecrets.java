package io.berth.reconciler.taskwork;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.SecretFile;
import io.berth.reconciler.model.SecretReference;
import io.berth.reconciler.model.SecretVersions;
import io.berth.reconciler.policy.ClusterSettings;
import io.berth.reconciler.policy.SecretValues;
import io.berth.reconciler.policy.UnreadableSecretException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the secrets and configs a container uses, at launch: the values live only in memory until they reach the
 * engine (environment at create, files before start), never in the task's row or a plan. Each secret or config is
 * read once per container. Messages name secrets and keys, never values.
 */
final class LaunchSecrets {

    /** What one container gets: extra environment, files to write, and the versions they came from. */
    record Resolved(Map<String, String> environment, List<FileContent> files, SecretVersions versions) {

        static final Resolved NONE = new Resolved(Map.of(), List.of(), SecretVersions.NONE);

        @Override
        public String toString() {
            return "Resolved[env " + new java.util.TreeSet<>(environment.keySet()) + ", " + files.size() + " files, "
                    + versions + "]";
        }
    }

    /** A file's content, to be written before the container starts. */
    record FileContent(SecretFile file, byte[] content) {
        @Override
        public String toString() {
            return "FileContent[" + file.path() + ", " + content.length + " bytes]";
        }
    }

    /** Either what the container gets, or why it cannot be launched ("ResourceInitializationError: ..."). */
    record Outcome(Resolved resolved, String failure) {
    }

    private LaunchSecrets() {
    }

    static Outcome resolve(ContainerDefinition def, ClusterSettings settings) {
        List<SecretReference> refs = def.options().secrets();
        List<SecretFile> files = def.options().files();
        if (refs.isEmpty() && files.isEmpty()) {
            return new Outcome(Resolved.NONE, null);
        }
        Map<String, SecretValues> read = new HashMap<>();
        Map<String, Integer> secretVersions = new TreeMap<>();
        Map<String, Integer> configVersions = new TreeMap<>();
        try {
            Map<String, String> env = new LinkedHashMap<>();
            for (SecretReference ref : refs) {
                Optional<String> value = value(SecretFile.Source.SECRET, ref.secret(), ref.key(), settings, read,
                        secretVersions, configVersions);
                if (value.isEmpty()) {
                    return failure(def, "secrets." + ref.name() + ": " + missing(SecretFile.Source.SECRET, ref.secret(),
                            ref.key(), read));
                }
                env.put(ref.name(), value.get());
            }
            List<FileContent> contents = new ArrayList<>();
            for (SecretFile file : files) {
                Optional<String> value = value(file.source(), file.name(), file.key(), settings, read,
                        secretVersions, configVersions);
                if (value.isEmpty()) {
                    return failure(def, "files " + file.path() + ": " + missing(file.source(), file.name(), file.key(),
                            read));
                }
                contents.add(new FileContent(file, value.get().getBytes(StandardCharsets.UTF_8)));
            }
            return new Outcome(new Resolved(env, contents, new SecretVersions(secretVersions, configVersions)), null);
        } catch (UnreadableSecretException e) {
            return failure(def, e.getMessage());
        }
    }

    private static Optional<String> value(SecretFile.Source source, String name, String key, ClusterSettings settings,
                                          Map<String, SecretValues> read, Map<String, Integer> secretVersions,
                                          Map<String, Integer> configVersions) {
        String id = source.field() + "/" + name;
        SecretValues values = read.computeIfAbsent(id, i -> settings.secretValues(source, name).orElse(null));
        if (values == null) {
            return Optional.empty();
        }
        (source == SecretFile.Source.SECRET ? secretVersions : configVersions).put(name, values.version());
        return Optional.ofNullable(values.values().get(key));
    }

    private static String missing(SecretFile.Source source, String name, String key, Map<String, SecretValues> read) {
        return read.get(source.field() + "/" + name) == null
                ? source.field() + " \"" + name + "\" does not exist"
                : source.field() + " \"" + name + "\" has no key \"" + key + "\"";
    }

    private static Outcome failure(ContainerDefinition def, String why) {
        return new Outcome(null, "ResourceInitializationError: container " + def.name() + ": " + why);
    }
}
