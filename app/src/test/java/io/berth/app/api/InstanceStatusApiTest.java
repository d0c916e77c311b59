package io.berth.app.api;

import io.berth.db.model.ClusterEntity;
import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.InstanceStatus;
import io.berth.db.repository.ContainerInstanceRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** PUT /v1/clusters/{c}/container-instances/{id}/status: drain an instance and bring it back. */
class InstanceStatusApiTest extends ApiTestSupport {

    @Autowired
    ContainerInstanceRepository instances;

    private ContainerInstanceEntity host(String cluster, InstanceStatus status) {
        ContainerInstanceEntity host = new ContainerInstanceEntity(cluster, "tcp://" + unique("h") + ":2375", 2048, 4096);
        host.setStatus(status);
        return instances.save(host);
    }

    private org.springframework.test.web.servlet.ResultActions setStatus(String cluster, Object id, String body)
            throws Exception {
        return mvc.perform(put("/v1/clusters/{c}/container-instances/{id}/status", cluster, id)
                .header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void drainsAndReactivates() throws Exception {
        String cluster = unique("c");
        clusters.save(new ClusterEntity(cluster));
        ContainerInstanceEntity host = host(cluster, InstanceStatus.ACTIVE);

        setStatus(cluster, host.getId(), "{\"status\":\"DRAINING\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(host.getId().toString()))
                .andExpect(jsonPath("$.status").value("DRAINING"));
        assertThat(instances.findById(host.getId()).orElseThrow().getStatus()).isEqualTo(InstanceStatus.DRAINING);

        setStatus(cluster, host.getId(), "{\"status\":\"ACTIVE\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        assertThat(instances.findById(host.getId()).orElseThrow().getStatus()).isEqualTo(InstanceStatus.ACTIVE);
    }

    @Test
    void refusesOtherStatusesUnknownInstancesAndDeregisteredOnes() throws Exception {
        String cluster = unique("c");
        clusters.save(new ClusterEntity(cluster));
        ContainerInstanceEntity host = host(cluster, InstanceStatus.ACTIVE);
        ContainerInstanceEntity gone = host(cluster, InstanceStatus.INACTIVE);

        setStatus(cluster, host.getId(), "{\"status\":\"INACTIVE\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("status"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("ACTIVE or DRAINING")));
        setStatus(cluster, host.getId(), "{}").andExpect(status().isUnprocessableContent());
        setStatus(cluster, gone.getId(), "{\"status\":\"DRAINING\"}").andExpect(status().isConflict());
        setStatus("other-cluster", host.getId(), "{\"status\":\"DRAINING\"}").andExpect(status().isNotFound());
        setStatus(cluster, "not-a-uuid", "{\"status\":\"DRAINING\"}").andExpect(status().isNotFound());
        assertThat(instances.findById(host.getId()).orElseThrow().getStatus()).isEqualTo(InstanceStatus.ACTIVE);
    }

    @Test
    void aStatusChangeMovesThePlacementVersionSoPassesThatReadTheOldStatusPlanAgain() throws Exception {
        String cluster = unique("c");
        clusters.save(new ClusterEntity(cluster));
        ContainerInstanceEntity host = host(cluster, InstanceStatus.ACTIVE);

        setStatus(cluster, host.getId(), "{\"status\":\"DRAINING\"}").andExpect(status().isOk());

        assertThat(instances.findById(host.getId()).orElseThrow().getPlacementVersion()).isEqualTo(1);
    }

    @Test
    void deregisteringIsRefusedWhileTasksAreThereUnlessForced() throws Exception {
        String cluster = unique("c");
        clusters.save(new ClusterEntity(cluster));
        ContainerInstanceEntity host = host(cluster, InstanceStatus.ACTIVE);
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
                """.formatted(cluster)).andExpect(status().isOk());
        io.berth.db.model.TaskEntity task = new io.berth.db.model.TaskEntity(cluster,
                new io.berth.db.model.TaskDefinitionId(cluster, 1), 0, 64);
        task.setContainerInstanceId(host.getId());
        tasks.saveAndFlush(task);

        mvc.perform(delete("/v1/clusters/{c}/container-instances/{id}", cluster, host.getId())
                        .header("Authorization", BEARER))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("still has 1 tasks")));
        assertThat(instances.findById(host.getId()).orElseThrow().getStatus()).isEqualTo(InstanceStatus.ACTIVE);

        mvc.perform(delete("/v1/clusters/{c}/container-instances/{id}?force=true", cluster, host.getId())
                .header("Authorization", BEARER)).andExpect(status().is2xxSuccessful());
        assertThat(instances.findById(host.getId()).orElseThrow().getStatus()).isEqualTo(InstanceStatus.INACTIVE);
    }
}
