package io.berth.reconciler.store;

import io.berth.reconciler.model.SecretVersions;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.TreeMap;

/** Storage form of {@link SecretVersions} ({@code task.secret_versions}): {"secrets": {...}, "configs": {...}}. */
public final class SecretVersionsJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Map<String, Integer>>> TYPE = new TypeReference<>() {
    };

    private SecretVersionsJson() {
    }

    public static String write(SecretVersions versions) {
        return JSON.writeValueAsString(Map.of("secrets", new TreeMap<>(versions.secrets()),
                "configs", new TreeMap<>(versions.configs())));
    }

    /** {@link SecretVersions#NONE} for null (a task that uses none). */
    public static SecretVersions read(String json) {
        if (json == null || json.isBlank()) {
            return SecretVersions.NONE;
        }
        Map<String, Map<String, Integer>> m = JSON.readValue(json, TYPE);
        return new SecretVersions(m.getOrDefault("secrets", Map.of()), m.getOrDefault("configs", Map.of()));
    }
}
