package io.berth.app.e2e;

import io.berth.docker.DockerEngine;

import java.util.Map;

/** Clean-up shared by the end-to-end tests: each removes only the Berth containers its own names mark. */
final class E2eContainers {

    private E2eContainers() {
    }

    /** Removes Berth-managed containers whose {@code label} starts with {@code prefix} (also leftovers of killed runs). */
    static void removeManaged(DockerEngine docker, String label, String prefix) {
        docker.list(Map.of("berth.managed", "true")).stream()
                .filter(c -> c.labels().getOrDefault(label, "").startsWith(prefix))
                .forEach(c -> docker.remove(c.id()));
    }
}
