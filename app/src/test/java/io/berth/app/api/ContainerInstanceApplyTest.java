package io.berth.app.api;

import io.berth.db.model.ClusterEntity;
import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.InstanceStatus;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.app.instances.EngineConnections;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import io.berth.docker.DockerEngine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * kind: ContainerInstance through POST /v1/apply against the real local Docker engine: registered, re-applied
 * idempotently, attributes and status updated; a dry run stores nothing; an engine that does not answer fails the
 * apply with the document's path.
 */
class ContainerInstanceApplyTest extends ApiTestSupport {

    private static final String SOCKET = "/var/run/docker.sock";

    @Autowired
    ContainerInstanceRepository instances;
    @Autowired
    DesiredStateWrites writes;
    @Autowired
    EngineConnections connections;

    private String cluster;

    @BeforeEach
    void cluster() {
        Assumptions.assumeTrue(Files.exists(Path.of(SOCKET)), "no local Docker engine");
        cluster = unique("ci");
        clusters.save(new ClusterEntity(cluster));
    }

    private String manifest(String attributes, String status) {
        return """
                apiVersion: berth/v1
                kind: ContainerInstance
                metadata: {name: local, cluster: %s}
                spec: {endpoint: 'unix://%s', attributes: %s, status: %s}
                """.formatted(cluster, SOCKET, attributes, status);
    }

    private ContainerInstanceEntity row() {
        return instances.findByClusterAndEndpoint(cluster, "unix://" + SOCKET).orElseThrow();
    }

    @Test
    void registersThenUpdatesIdempotently() throws Exception {
        applyYaml(manifest("{zone: a}", "ACTIVE"), true).andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].kind").value("ContainerInstance"))
                .andExpect(jsonPath("$.documents[0].result").value("created"));
        assertThat(instances.findByClusterAndEndpoint(cluster, "unix://" + SOCKET)).as("dry run").isEmpty();

        applyYaml(manifest("{zone: a}", "ACTIVE")).andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].result").value("created"))
                .andExpect(jsonPath("$.documents[0].cluster").value(cluster));
        ContainerInstanceEntity created = row();
        assertThat(created.getName()).isEqualTo("local");
        assertThat(created.getAttributes()).contains("\"zone\":\"a\"").contains("berth.os");
        assertThat(created.getRegisteredCpu()).isPositive();

        applyYaml(manifest("{zone: a}", "ACTIVE")).andExpect(jsonPath("$.documents[0].result").value("unchanged"));

        applyYaml(manifest("{zone: b}", "DRAINING")).andExpect(jsonPath("$.documents[0].result").value("configured"));
        ContainerInstanceEntity updated = row();
        assertThat(updated.getId()).isEqualTo(created.getId());
        assertThat(updated.getAttributes()).contains("\"zone\":\"b\"");
        assertThat(updated.getStatus()).isEqualTo(InstanceStatus.DRAINING);
    }

    /**
     * What Berth does with the local engine at every start (EngineConnector.registerLocal): the engine's own
     * attributes are read again, the user's custom ones stay. Before, a restart wiped {@code zone} and the
     * placement constraints that asked for it found no instance.
     */
    @Test
    void aRefreshAtStartKeepsTheCustomAttributes() throws Exception {
        applyYaml(manifest("{zone: a, instance-type: big}", "ACTIVE")).andExpect(status().isOk());
        ContainerInstanceEntity before = row();
        DockerEngine engine = connections.connect("unix://" + SOCKET, null);
        try {
            UUID refreshed = writes.refreshContainerInstance(cluster, "unix://" + SOCKET, null, engine.info());
            assertThat(refreshed).isEqualTo(before.getId());
        } finally {
            engine.close();
        }
        ContainerInstanceEntity after = row();
        assertThat(after.getAttributes()).contains("\"zone\":\"a\"").contains("\"instance-type\":\"big\"")
                .contains("berth.os").contains("berth.engine-id");
        // a refresh is no change a user made: re-applying the same manifest still reports "unchanged"
        applyYaml(manifest("{zone: a, instance-type: big}", "ACTIVE"))
                .andExpect(jsonPath("$.documents[0].result").value("unchanged"));
    }

    @Test
    void reservedPortsAreDeclaredKeptAcrossARefreshAndBackToTheDefaultWhenLeftOut() throws Exception {
        String declared = """
                apiVersion: berth/v1
                kind: ContainerInstance
                metadata: {name: local, cluster: %s}
                spec: {endpoint: 'unix://%s', reservedPorts: {tcp: [22, 9100], udp: [53]}}
                """.formatted(cluster, SOCKET);
        applyYaml(declared).andExpect(status().isOk());
        assertThat(row().getReservedPorts()).isEqualTo("22/tcp,9100/tcp,53/udp");
        applyYaml(declared).andExpect(jsonPath("$.documents[0].result").value("unchanged"));

        DockerEngine engine = connections.connect("unix://" + SOCKET, null);
        try {
            writes.refreshContainerInstance(cluster, "unix://" + SOCKET, null, engine.info());
        } finally {
            engine.close();
        }
        assertThat(row().getReservedPorts()).as("a restart keeps them").isEqualTo("22/tcp,9100/tcp,53/udp");

        applyYaml(manifest("{}", "ACTIVE")).andExpect(jsonPath("$.documents[0].result").value("configured"));
        assertThat(row().getReservedPorts()).as("left out: the default set").isNull();
    }

    @Test
    void aBadReservedPortIsRefusedNamingTheField() throws Exception {
        applyYaml("""
                apiVersion: berth/v1
                kind: ContainerInstance
                metadata: {name: local, cluster: %s}
                spec: {endpoint: 'unix://%s', reservedPorts: {tcp: [22, 70000], sctp: [1]}}
                """.formatted(cluster, SOCKET))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.containsInAnyOrder(
                        "documents[0].spec.reservedPorts.tcp[1]", "documents[0].spec.reservedPorts.sctp")))
                .andExpect(jsonPath("$.errors[*].message", org.hamcrest.Matchers.hasItem(
                        containsString("between 1 and 65535, got 70000"))));
        assertThat(instances.findByClusterOrderByCreatedAt(cluster)).isEmpty();
    }

    @Test
    void registeringThroughTheApiTakesReservedPortsAndRefusesABadOneNamingIt() throws Exception {
        String url = "/v1/clusters/" + cluster + "/container-instances";
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(url)
                        .header("Authorization", BEARER).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{\"endpoint\": \"unix://%s\", \"reservedPorts\": {\"tcp\": [2375], \"udp\": [0]}}"
                                .formatted(SOCKET)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("reservedPorts.udp[0]"));
        assertThat(instances.findByClusterOrderByCreatedAt(cluster)).isEmpty();

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(url)
                        .header("Authorization", BEARER).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{\"endpoint\": \"unix://%s\", \"reservedPorts\": {\"tcp\": [2375], \"udp\": [53]}}"
                                .formatted(SOCKET)))
                .andExpect(status().is2xxSuccessful())
                .andExpect(jsonPath("$.registered.ports[0]").value("2375"))
                .andExpect(jsonPath("$.registered.udpPorts[0]").value("53"));
        assertThat(row().getReservedPorts()).isEqualTo("2375/tcp,53/udp");
    }

    @Test
    void anEngineThatDoesNotAnswerFailsTheApplyWithItsPath() throws Exception {
        applyYaml("""
                apiVersion: berth/v1
                kind: ContainerInstance
                metadata: {name: ghost, cluster: %s}
                spec: {endpoint: 'tcp://127.0.0.1:1', allowInsecure: true}
                """.formatted(cluster))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("documents[0].spec.endpoint"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("cannot reach a Docker engine")));
        assertThat(instances.findByClusterOrderByCreatedAt(cluster)).isEmpty();
    }
}
