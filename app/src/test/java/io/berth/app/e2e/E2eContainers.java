package io.berth.app.e2e;

import io.berth.docker.DockerEngine;

import java.util.Map;

/** Clean-up shared by the end-to-end tests: each removes only the Berth containers its own names mark. */
final class E2eContainers {

    private E2eContainers() {
    }

    /**
     * Deletes, through the API, a service and then its load balancer and target group (all named {@code name} in
     * cluster default), and waits until their containers are gone: so that no Berth started later on the same database
     * brings them back. Best effort: a test's clean-up must not hide the test's own failure.
     */
    static void deleteBalancedService(BerthProcess berth, DockerEngine docker, String name) {
        try {
            berth.send("DELETE", "/v1/clusters/default/services/" + name + "?wait=true&timeout=60s", null, null);
            berth.send("DELETE", "/v1/clusters/default/load-balancers/" + name, null, null);
            berth.send("DELETE", "/v1/clusters/default/target-groups/" + name, null, null);
            Await.until(java.time.Duration.ofSeconds(30), "the containers of " + name + " removed",
                    () -> docker.list(Map.of("berth.managed", "true")).stream().noneMatch(c ->
                            name.equals(c.labels().get("berth.service")) || name.equals(c.labels().get("berth.load-balancer"))));
        } catch (RuntimeException | AssertionError e) {
            System.err.println("clean-up of " + name + ": " + e);
        }
    }

    /** Removes Berth-managed containers whose {@code label} starts with {@code prefix} (also leftovers of killed runs). */
    static void removeManaged(DockerEngine docker, String label, String prefix) {
        docker.list(Map.of("berth.managed", "true")).stream()
                .filter(c -> c.labels().getOrDefault(label, "").startsWith(prefix))
                .forEach(c -> docker.remove(c.id()));
    }
}
