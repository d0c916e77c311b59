package io.berth.app.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real berth.jar, killed and started again: custom attributes given to container instances stay — those of the
 * local engine, which Berth registers again at every start (only the built-in {@code berth.*} ones are read from the
 * engine again), and those of an instance registered through the API in a cluster of its own. Their registered and
 * remaining resources, ports included, read the same after the restart.
 */
class InstanceAttributesRestartIT {

    private static final String LOCAL = "unix:///var/run/docker.sock";
    private static BerthProcess berth;
    private static final String CLUSTER = "attrs-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() {
        berth = new BerthProcess("attributes", List.of(), "attributes");
        berth.start();
    }

    /** The ITs share one database: the local engine of cluster default gets its attributes back, the extra goes. */
    @AfterAll
    static void stop() {
        if (berth != null) {
            try {
                register("default", "{}");
                for (JsonNode i : berth.getJson("/v1/clusters/" + CLUSTER + "/container-instances")) {
                    berth.send("DELETE", "/v1/clusters/" + CLUSTER + "/container-instances/" + i.path("id").asString()
                            + "?force=true", null, null);
                }
            } finally {
                berth.close();
            }
        }
    }

    private static JsonNode instance(String cluster, String endpoint) {
        for (JsonNode i : berth.getJson("/v1/clusters/" + cluster + "/container-instances")) {
            if (endpoint.equals(i.path("endpoint").asString())) {
                return i;
            }
        }
        throw new AssertionError("no instance " + endpoint + " in cluster " + cluster);
    }

    private static HttpResponse<String> register(String cluster, String attributes) {
        return berth.send("POST", "/v1/clusters/" + cluster + "/container-instances", "application/json",
                "{\"endpoint\":\"" + LOCAL + "\",\"attributes\":" + attributes + "}");
    }

    @Test
    void customAttributesSurviveARestart() {
        HttpResponse<String> local = register("default", "{\"zone\":\"a\",\"instance-type\":\"big\"}");
        assertThat(local.statusCode()).as(local.body()).isBetween(200, 201);
        HttpResponse<String> cluster = berth.send("POST", "/v1/clusters", "application/json",
                "{\"name\":\"" + CLUSTER + "\"}");
        assertThat(cluster.statusCode()).as(cluster.body()).isEqualTo(201);
        HttpResponse<String> other = register(CLUSTER, "{\"rack\":\"r7\"}");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        JsonNode localBefore = instance("default", LOCAL);
        JsonNode otherBefore = instance(CLUSTER, LOCAL);
        assertThat(localBefore.path("attributes").path("zone").asString()).isEqualTo("a");
        assertThat(localBefore.path("attributes").path("berth.hostname").asString()).isNotEmpty();

        berth.kill();
        berth.start();

        JsonNode localAfter = instance("default", LOCAL);
        JsonNode otherAfter = instance(CLUSTER, LOCAL);
        assertThat(localAfter.path("id")).isEqualTo(localBefore.path("id"));
        assertThat(localAfter.path("attributes").path("zone").asString()).isEqualTo("a");
        assertThat(localAfter.path("attributes").path("instance-type").asString()).isEqualTo("big");
        assertThat(localAfter.path("attributes").path("berth.engine-id"))
                .isEqualTo(localBefore.path("attributes").path("berth.engine-id"));
        assertThat(otherAfter.path("id")).isEqualTo(otherBefore.path("id"));
        assertThat(otherAfter.path("attributes")).isEqualTo(otherBefore.path("attributes"));
        assertThat(otherAfter.path("attributes").path("rack").asString()).isEqualTo("r7");
        assertThat(localAfter.path("registered")).isEqualTo(localBefore.path("registered"));
        assertThat(localAfter.path("registered").path("ports").valueStream().map(JsonNode::asString).toList())
                .containsExactly("22", "2375", "2376");
    }
}
