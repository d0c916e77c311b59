package io.berth.app.api;

import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.store.StateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An instance's registered and remaining CPU, memory and ports over the API and the database (no loop runs here):
 * one-off tasks take their share when placed, as service tasks do, and give it back once stopped.
 */
class InstanceResourcesApiTest extends ApiTestSupport {

    @Autowired
    private ContainerInstanceRepository instances;
    @Autowired
    private ClusterBootstrap bootstrap;
    @Autowired
    private StateStore store;
    @Autowired
    private JsonMapper json;

    private String cluster;
    private String family;
    private ContainerInstanceEntity host;

    @BeforeEach
    void clusterWithOneInstance() throws Exception {
        cluster = unique("resources");
        family = unique("dns");
        bootstrap.ensureExists(cluster);
        // Tasks here map port 22: what the instance reserves is the point, not the cluster policy's low-port rule.
        mvc.perform(put("/v1/clusters/{c}/policy", cluster).header("Authorization", BEARER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"allowLowHostPorts\":true}"))
                .andExpect(status().isOk());
        applyYaml("""
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata:
                  name: %s
                spec:
                  cpu: 256
                  memory: 300
                  containers:
                    - name: main
                      image: busybox:1.36
                      command: ["sleep", "3600"]
                      portMappings:
                        - containerPort: 8080
                          hostPort: 8080
                        - containerPort: 53
                          hostPort: 53
                          protocol: udp
                        - containerPort: 9000
                """.formatted(family)).andExpect(status().isOk());
        host = new ContainerInstanceEntity(cluster, "tcp://198.18.0.251:2376", 2048, 1024);
        host.setConnected(true);
        host = instances.save(host);
    }

    private JsonNode instanceView() throws Exception {
        String body = mvc.perform(get("/v1/clusters/{c}/container-instances", cluster).header("Authorization", BEARER))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode list = json.readTree(body);
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private ResultActions run(int count) throws Exception {
        return mvc.perform(post("/v1/clusters/{c}/tasks", cluster).header("Authorization", BEARER)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"taskDefinition\": \"%s\", \"count\": %d}".formatted(family, count)));
    }

    @Test
    void oneOffTasksTakeCpuMemoryAndPortsOffTheInstanceAndGiveThemBackWhenStopped() throws Exception {
        JsonNode idle = instanceView();
        assertThat(strings(idle.path("registered").path("ports"))).containsExactly("22", "2375", "2376");
        assertThat(strings(idle.path("registered").path("udpPorts"))).isEmpty();
        assertThat(strings(idle.path("remaining").path("ports"))).containsExactly("22", "2375", "2376");
        assertThat(idle.path("remaining").path("cpu").asInt()).isEqualTo(2048);

        // Room for two by memory, but the second needs tcp/8080 again: the scheduler refuses what the API shows taken.
        String body = run(2).andExpect(status().isCreated())
                .andExpect(jsonPath("$.tasks", hasSize(1)))
                .andExpect(jsonPath("$.failures[0].reason", containsString("have host port 53/udp, 8080/tcp already in use")))
                .andReturn().getResponse().getContentAsString();
        UUID task = UUID.fromString(json.readTree(body).path("tasks").get(0).path("id").asString());

        JsonNode busy = instanceView();
        assertThat(strings(busy.path("remaining").path("ports"))).containsExactly("22", "2375", "2376", "8080");
        assertThat(strings(busy.path("remaining").path("udpPorts"))).containsExactly("53");
        assertThat(strings(busy.path("registered").path("ports"))).containsExactly("22", "2375", "2376");
        assertThat(busy.path("remaining").path("cpu").asInt()).isEqualTo(2048 - 256);
        assertThat(busy.path("remaining").path("memory").asInt()).isEqualTo(1024 - 300);
        assertThat(instances.findById(host.getId()).orElseThrow().getPlacementVersion())
                .as("run-task claims the instance as a service placement does").isEqualTo(1);

        store.markStopped(task, StopCode.EssentialContainerExited, "done", List.of(), Instant.now()); // what the loop records

        JsonNode freed = instanceView();
        assertThat(strings(freed.path("remaining").path("ports"))).containsExactly("22", "2375", "2376");
        assertThat(strings(freed.path("remaining").path("udpPorts"))).isEmpty();
        assertThat(freed.path("remaining").path("cpu").asInt()).isEqualTo(2048);
        assertThat(freed.path("remaining").path("memory").asInt()).isEqualTo(1024);
        run(1).andExpect(status().isCreated()).andExpect(jsonPath("$.tasks", hasSize(1)));
    }

    @Test
    void anInstanceShowsItsOwnReservedPortsAndKeepsThemFromTasks() throws Exception {
        host.setReservedPorts("9100/tcp,53/udp");
        host = instances.save(host);

        JsonNode view = instanceView();
        assertThat(strings(view.path("registered").path("ports"))).containsExactly("9100");
        assertThat(strings(view.path("registered").path("udpPorts"))).containsExactly("53");
        assertThat(strings(view.path("remaining").path("ports"))).containsExactly("9100");
        run(1).andExpect(jsonPath("$.tasks", hasSize(0)))
                .andExpect(jsonPath("$.failures[0].reason", containsString("reserve host port 53/udp")));
    }

    @Test
    void aTaskMappingPort22IsAcceptedAndPlacedOnAnInstanceThatDoesNotReserveIt() throws Exception {
        String ssh = unique("ssh");
        applyYaml("""
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata:
                  name: %s
                spec:
                  containers:
                    - name: main
                      image: busybox:1.36
                      memory: 64
                      portMappings:
                        - containerPort: 22
                          hostPort: 22
                """.formatted(ssh)).andExpect(status().isOk());
        String runSsh = "{\"taskDefinition\": \"%s\", \"count\": 1}".formatted(ssh);

        mvc.perform(post("/v1/clusters/{c}/tasks", cluster).header("Authorization", BEARER)
                        .contentType(MediaType.APPLICATION_JSON).content(runSsh))
                .andExpect(jsonPath("$.tasks", hasSize(0)))
                .andExpect(jsonPath("$.failures[0].reason", containsString("reserve host port 22/tcp")));

        host.setReservedPorts(""); // this host has no ssh: nothing reserved
        host = instances.save(host);
        mvc.perform(post("/v1/clusters/{c}/tasks", cluster).header("Authorization", BEARER)
                        .contentType(MediaType.APPLICATION_JSON).content(runSsh))
                .andExpect(jsonPath("$.tasks", hasSize(1)));
        assertThat(strings(instanceView().path("remaining").path("ports"))).containsExactly("22");
    }
}
