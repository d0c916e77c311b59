package io.berth.app.api;

import io.berth.db.model.ClusterEntity;
import io.berth.db.model.ContainerHealth;
import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.DesiredStatus;
import io.berth.db.model.LastStatus;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.ServiceEventEntity;
import io.berth.db.model.TaskContainerEntity;
import io.berth.db.model.TaskDefinitionId;
import io.berth.db.model.TaskEntity;
import io.berth.db.repository.ContainerInstanceRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ReadApiTest extends ApiTestSupport {

    @Autowired
    ContainerInstanceRepository instances;
    @Autowired
    JsonMapper jsonMapper;

    @Test
    void clustersWithCountsAndTheirInstances() throws Exception {
        String cluster = unique("c");
        clusters.save(new ClusterEntity(cluster));
        ContainerInstanceEntity host = new ContainerInstanceEntity(cluster, "tcp://198.18.0.2:2375", 2048, 4096);
        host.setHostname("host-a");
        host.setConnected(true);
        host.setRemainingCpu(1024);
        host.setAttributes("{\"zone\":\"a\"}");
        instances.save(host);
        ContainerInstanceEntity gone = new ContainerInstanceEntity(cluster, "tcp://198.18.0.3:2375", 1024, 1024);
        gone.setStatus(io.berth.db.model.InstanceStatus.INACTIVE);
        instances.save(gone);
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 1)
                .replace("cluster: " + CLUSTER, "cluster: " + cluster))).andExpect(status().isOk());
        ServiceEntity service = services.findByClusterAndName(cluster, name).orElseThrow();
        saveTask(service, LastStatus.RUNNING, DesiredStatus.RUNNING);

        mvc.perform(get("/v1/clusters").header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == 'default')]").exists())
                .andExpect(jsonPath("$[?(@.name == '%s')].activeServices".formatted(cluster)).value(contains(1)))
                .andExpect(jsonPath("$[?(@.name == '%s')].registeredInstances".formatted(cluster)).value(contains(1)))
                .andExpect(jsonPath("$[?(@.name == '%s')].createdAt".formatted(cluster)).exists());
        if (!loopRunning()) { // a live loop may stop a task whose host it cannot reach
            mvc.perform(get("/v1/clusters").header("Authorization", BEARER))
                    .andExpect(jsonPath("$[?(@.name == '%s')].runningTasks".formatted(cluster)).value(contains(1)));
        }

        mvc.perform(get("/v1/clusters/{c}/container-instances", cluster).header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[0].id").value(host.getId().toString()))
                .andExpect(jsonPath("$[0].endpoint").value("tcp://198.18.0.2:2375"))
                .andExpect(jsonPath("$[0].hostname").value("host-a"))
                .andExpect(jsonPath("$[0].status").value("ACTIVE"))
                .andExpect(jsonPath("$[0].connected").value(true))
                .andExpect(jsonPath("$[0].registered.cpu").value(2048))
                .andExpect(jsonPath("$[0].registered.memory").value(4096))
                .andExpect(jsonPath("$[0].remaining.cpu").value(1024))
                .andExpect(jsonPath("$[0].attributes.zone").value("a"))
                .andExpect(jsonPath("$[1].status").value("INACTIVE"));
    }

    @Test
    void taskDefinitionsReadBackInManifestShape() throws Exception {
        String family = unique("web");
        applyYaml(taskDefinition(family, "nginx:1")).andExpect(status().isOk());
        applyYaml(taskDefinition(family, "nginx:2")).andExpect(status().isOk());

        mvc.perform(get("/v1/task-definitions").header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.family == '%s')].latestRevision".formatted(family)).value(contains(2)))
                .andExpect(jsonPath("$[?(@.family == '%s')].status".formatted(family)).value(contains("ACTIVE")));
        mvc.perform(get("/v1/task-definitions/{f}", family).header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.family").value(family))
                .andExpect(jsonPath("$.revisions", hasSize(2)))
                .andExpect(jsonPath("$.revisions[0].revision").value(1))
                .andExpect(jsonPath("$.revisions[1].revision").value(2))
                .andExpect(jsonPath("$.revisions[1].status").value("ACTIVE"))
                .andExpect(jsonPath("$.revisions[1].createdAt").exists());
        MvcResult described = mvc.perform(get("/v1/task-definitions/{f}:1", family).header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.family").value(family))
                .andExpect(jsonPath("$.revision").value(1))
                .andExpect(jsonPath("$.spec.containers[0].image").value("nginx:1"))
                .andExpect(jsonPath("$.spec.containers[0].memory").value(64))
                .andExpect(jsonPath("$.spec.containers[0].essential").value(true))
                .andExpect(jsonPath("$.spec.containers[0].portMappings[0].containerPort").value(80))
                .andExpect(jsonPath("$.spec.containers[0].healthCheck.interval").value("5s"))
                .andExpect(jsonPath("$.spec.containers[0].healthCheck.startPeriod").value("1m30s"))
                .andExpect(jsonPath("$.spec.containers[0].command").doesNotExist())
                .andExpect(jsonPath("$.spec.cpu").doesNotExist())
                .andReturn();

        // What GET returns is a valid spec: applied again it matches revision 1 (so a new revision 3).
        JsonNode spec = jsonMapper.readTree(described.getResponse().getContentAsString()).get("spec");
        String manifest = """
                {"apiVersion": "berth/v1", "kind": "TaskDefinition", "metadata": {"name": "%s"}, "spec": %s}
                """.formatted(family, spec);
        mvc.perform(post("/v1/apply").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                        .content(manifest))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].revision").value(3));
        assertThat(taskDefinitions.findByFamilyAndRevision(family, 3).orElseThrow().getSpecHash())
                .isEqualTo(taskDefinitions.findByFamilyAndRevision(family, 1).orElseThrow().getSpecHash());
    }

    @Test
    void serviceWithCountsAndNewestEventsFirst() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 3)
                .replace("metadata:\n", "metadata:\n  labels: {team: blue}\n"))).andExpect(status().isOk());
        ServiceEntity service = service(name);
        saveTask(service, LastStatus.RUNNING, DesiredStatus.RUNNING);
        saveTask(service, LastStatus.PENDING, DesiredStatus.RUNNING);
        saveTask(service, LastStatus.PROVISIONING, DesiredStatus.RUNNING);
        saveTask(service, LastStatus.RUNNING, DesiredStatus.STOPPED); // being stopped: counted nowhere
        serviceEvents.save(new ServiceEventEntity(service.getId(), "service " + name + " has reached a steady state."));

        MvcResult described = mvc.perform(get("/v1/clusters/" + CLUSTER + "/services/{n}", name)
                        .header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(name))
                .andExpect(jsonPath("$.cluster").value(CLUSTER))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.taskDefinition").value(family + ":1"))
                .andExpect(jsonPath("$.desiredCount").value(3))
                .andExpect(jsonPath("$.labels.team").value("blue"))
                .andExpect(jsonPath("$.createdAt").exists())
                .andExpect(jsonPath("$.updatedAt").exists())
                .andExpect(jsonPath("$.events[0].createdAt").exists())
                .andReturn();
        // Newest first; a live loop may have added events of its own, so look at the order of ours only.
        List<String> messages = new ArrayList<>();
        jsonMapper.readTree(described.getResponse().getContentAsString()).get("events")
                .forEach(e -> messages.add(e.get("message").stringValue()));
        int marker = messages.indexOf("service " + name + " has reached a steady state.");
        int created = indexOfContaining(messages, "was created");
        assertThat(marker).isNotNegative().isLessThan(created);

        if (!loopRunning()) { // a live loop would act on these hand-made tasks
            mvc.perform(get("/v1/clusters/" + CLUSTER + "/services/{n}", name).header("Authorization", BEARER))
                    .andExpect(jsonPath("$.runningCount").value(1))
                    .andExpect(jsonPath("$.pendingCount").value(2))
                    .andExpect(jsonPath("$.events", hasSize(2)));
            mvc.perform(get("/v1/clusters/" + CLUSTER + "/services").header("Authorization", BEARER))
                    .andExpect(jsonPath("$[?(@.name == '%s')].runningCount".formatted(name)).value(contains(1)));
        }
        mvc.perform(get("/v1/clusters/" + CLUSTER + "/services").header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == '%s')].desiredCount".formatted(name)).value(contains(3)))
                .andExpect(jsonPath("$[?(@.name == '%s')].events".formatted(name)).isEmpty());
    }

    private static int indexOfContaining(List<String> messages, String part) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void tasksNewestFirstWithFiltersAndContainers() throws Exception {
        assumeFalse(loopRunning(), "a live control loop would act on these hand-made tasks");
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 1))).andExpect(status().isOk());
        ServiceEntity service = service(name);
        TaskEntity stopped = saveTask(service, LastStatus.STOPPED, DesiredStatus.STOPPED);
        TaskEntity running = saveTask(service, LastStatus.RUNNING, DesiredStatus.RUNNING);

        mvc.perform(get("/v1/clusters/" + CLUSTER + "/tasks").param("service", name).header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[0].id").value(running.getId().toString()))
                .andExpect(jsonPath("$[1].id").value(stopped.getId().toString()));
        mvc.perform(get("/v1/clusters/" + CLUSTER + "/tasks").param("service", name).param("status", "STOPPED")
                        .header("Authorization", BEARER))
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].id").value(stopped.getId().toString()))
                .andExpect(jsonPath("$[0].stopCode").value("EssentialContainerExited"))
                .andExpect(jsonPath("$[0].stoppedReason").value("exited"));
        mvc.perform(get("/v1/clusters/" + CLUSTER + "/tasks/{id}", running.getId()).header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cluster").value(CLUSTER))
                .andExpect(jsonPath("$.service").value(name))
                .andExpect(jsonPath("$.taskDefinition").value(family + ":1"))
                .andExpect(jsonPath("$.desiredStatus").value("RUNNING"))
                .andExpect(jsonPath("$.lastStatus").value("RUNNING"))
                .andExpect(jsonPath("$.createdAt").exists())
                .andExpect(jsonPath("$.containers[0].name").value("app"))
                .andExpect(jsonPath("$.containers[0].dockerId").value("abc123"))
                .andExpect(jsonPath("$.containers[0].health").value("HEALTHY"))
                .andExpect(jsonPath("$.containers[0].hostPorts[0].containerPort").value(80))
                .andExpect(jsonPath("$.containers[0].hostPorts[0].hostPort").value(32768))
                .andExpect(jsonPath("$.containers[0].hostPorts[0].protocol").value("tcp"));
        mvc.perform(get("/v1/clusters/" + CLUSTER + "/tasks").param("status", "SLEEPING").header("Authorization", BEARER))
                .andExpect(status().isBadRequest());
    }

    @Test
    void unknownThingsAreJson404s() throws Exception {
        String family = unique("web");
        applyYaml(taskDefinition(family, "nginx")).andExpect(status().isOk());
        expect404("/v1/clusters/nope-" + UUID.randomUUID() + "/services", "cluster");
        expect404("/v1/clusters/nope/container-instances", "cluster \"nope\" not found");
        expect404("/v1/clusters/nope/tasks", "cluster");
        expect404("/v1/clusters/" + CLUSTER + "/services/nope-" + UUID.randomUUID(), "service");
        expect404("/v1/task-definitions/nope-" + UUID.randomUUID(), "family");
        expect404("/v1/task-definitions/" + family + ":9", family + ":9 not found");
        expect404("/v1/clusters/" + CLUSTER + "/tasks/" + UUID.randomUUID(), "task");
        expect404("/v1/clusters/" + CLUSTER + "/tasks/not-a-uuid", "task not-a-uuid not found");
    }

    private void expect404(String path, String message) throws Exception {
        mvc.perform(get(path).header("Authorization", BEARER))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.error").value("Not Found"))
                .andExpect(jsonPath("$.message").value(containsString(message)));
    }

    private TaskEntity saveTask(ServiceEntity service, LastStatus lastStatus, DesiredStatus desiredStatus) {
        TaskEntity task = new TaskEntity(service.getCluster(), new TaskDefinitionId(service.getTaskFamily(),
                service.getTaskRevision()), 0, 64);
        task.setService(service.getId(), service.getName());
        task.setLastStatus(lastStatus);
        task.setDesiredStatus(desiredStatus);
        if (desiredStatus == DesiredStatus.STOPPED) {
            task.setStopCode("EssentialContainerExited");
            task.setStoppedReason("exited");
        }
        TaskContainerEntity container = task.addContainer("app");
        container.setDockerId("abc123");
        container.setLastStatus(lastStatus == LastStatus.PROVISIONING ? LastStatus.PENDING : lastStatus);
        container.setHealth(ContainerHealth.HEALTHY);
        container.setHostPorts("[{\"containerPort\":80,\"hostPort\":32768,\"protocol\":\"tcp\"}]");
        return tasks.saveAndFlush(task);
    }
}
