package io.berth.app.manifest;

import io.berth.reconciler.model.SecretFile;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code kind: Secret} or {@code kind: Config}: named values, global like task definitions. A secret's values are
 * write-only (encrypted at rest, never shown); a config's may be shown. {@link #toString()} names the keys only.
 *
 * @param values key to value, sorted by key, {@code data} decoded from base64 and {@code stringData} merged in
 */
public record SecretDocument(SecretFile.Source kind, String name, Map<String, String> labels,
                             Map<String, String> values) implements ManifestDocument {

    public SecretDocument {
        labels = Map.copyOf(labels);
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** "Secret" or "Config", as the document says. */
    public String kindName() {
        return kind == SecretFile.Source.SECRET ? "Secret" : "Config";
    }

    @Override
    public String toString() {
        return "SecretDocument[" + kindName() + " " + name + ", keys " + values.keySet() + "]";
    }
}
