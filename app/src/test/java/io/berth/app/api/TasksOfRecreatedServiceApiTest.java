package io.berth.app.api;

import io.berth.db.model.DesiredStatus;
import io.berth.db.model.LastStatus;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.TaskDefinitionId;
import io.berth.db.model.TaskEntity;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tasks belong to a service's identity, not its name: a service deleted and created again under the same name
 * does not inherit the stopped tasks of the one before. The test removes the service row where the control loop
 * would once the service has drained.
 */
class TasksOfRecreatedServiceApiTest extends ApiTestSupport {

    @Test
    void aServiceCreatedAgainDoesNotListTheTasksOfTheDeletedOne() throws Exception {
        assumeFalse(loopRunning(), "a live control loop would act on these hand-made tasks");
        String family = unique("web");
        String name = unique("web");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 1))).andExpect(status().isOk());
        ServiceEntity deleted = service(name);
        TaskEntity old = stoppedTask(deleted);
        services.deleteById(deleted.getId());

        // The deleted service's name selects nothing: its tasks are still in the unfiltered list (until the
        // retention removes them), but no service of that name owns them.
        mvc.perform(get("/v1/clusters/" + CLUSTER + "/tasks").param("service", name).header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(0)));
        mvc.perform(get("/v1/clusters/" + CLUSTER + "/tasks").header("Authorization", BEARER))
                .andExpect(jsonPath("$[*].id", hasItem(old.getId().toString())));

        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 1))).andExpect(status().isOk());
        TaskEntity current = stoppedTask(service(name));

        mvc.perform(get("/v1/clusters/" + CLUSTER + "/tasks").param("service", name).header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].id").value(current.getId().toString()));
        mvc.perform(get("/v1/clusters/" + CLUSTER + "/tasks").param("service", name).param("status", "STOPPED")
                        .header("Authorization", BEARER))
                .andExpect(jsonPath("$[*].id", not(hasItem(old.getId().toString()))));
    }

    private TaskEntity stoppedTask(ServiceEntity service) {
        TaskEntity task = new TaskEntity(service.getCluster(), new TaskDefinitionId(service.getTaskFamily(),
                service.getTaskRevision()), 0, 64);
        task.setService(service.getId(), service.getName());
        task.setLastStatus(LastStatus.STOPPED);
        task.setDesiredStatus(DesiredStatus.STOPPED);
        task.setStopCode("EssentialContainerExited");
        task.setStoppedReason("exited");
        return tasks.saveAndFlush(task);
    }
}
