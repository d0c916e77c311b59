package io.berth.app.api;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** ECS register-task-definition bodies through the API, revisions, and deregistration. */
class TaskDefinitionRegistrationApiTest extends ApiTestSupport {

    private static String producer(String family, String mode) {
        return """
                {"family": "%s", "taskRoleArn": "arn:aws:iam::1:role/r",
                 "containerDefinitions": [{"name": "producer", "image": "busybox:1.36", "cpu": 50, "memory": 50,
                   "essential": true, "environment": [{"name": "MODE", "value": "%s"}]}]}
                """.formatted(family, mode);
    }

    private org.springframework.test.web.servlet.ResultActions register(String body) throws Exception {
        return mvc.perform(post("/v1/task-definitions").header("Authorization", BEARER)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void registersEcsJsonWithWarningsAndRevisions() throws Exception {
        String family = unique("producer");
        register(producer(family, "producer")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.family").value(family))
                .andExpect(jsonPath("$.revision").value(1))
                .andExpect(jsonPath("$.result").value("created"))
                .andExpect(jsonPath("$.warnings[0]").value(startsWith("taskRoleArn: ")))
                .andExpect(jsonPath("$.spec.containers[0].environment.MODE").value("producer"));
        register(producer(family, "producer")).andExpect(status().isOk())
                .andExpect(jsonPath("$.revision").value(1)).andExpect(jsonPath("$.result").value("unchanged"));
        register(producer(family, "consumer")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.revision").value(2)).andExpect(jsonPath("$.result").value("configured"));
        mvc.perform(get("/v1/task-definitions/{f}:1", family).header("Authorization", BEARER))
                .andExpect(jsonPath("$.spec.containers[0].environment.MODE").value("producer"));
    }

    @Test
    void invalidBodyStoresNothingAndNamesEveryField() throws Exception {
        String family = unique("bad");
        register("""
                {"family": "%s", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "a", "image": "i", "secrets": [{"name": "X", "valueFrom": "arn:aws:ssm:::parameter/x"}]},
                  {"name": "a", "image": "i"}]}
                """.formatted(family))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field", hasItem("networkMode")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("containerDefinitions[0].secrets[0].valueFrom")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("containerDefinitions[1].name")));
        mvc.perform(get("/v1/task-definitions/{f}", family).header("Authorization", BEARER)).andExpect(status().isNotFound());
        register("{\"family\": ").andExpect(status().isBadRequest());
    }

    @Test
    void deregisteredRevisionStaysDescribableButNoServiceMayStartFromIt() throws Exception {
        String family = unique("web");
        register(producer(family, "one")).andExpect(status().isCreated());
        register(producer(family, "two")).andExpect(status().isCreated());
        String kept = unique("svc");
        applyYaml(service(kept, family + ":2", 0)).andExpect(status().isOk());

        mvc.perform(delete("/v1/task-definitions/{f}:2", family).header("Authorization", BEARER))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("INACTIVE"));
        mvc.perform(delete("/v1/task-definitions/{f}:2", family).header("Authorization", BEARER))
                .andExpect(status().isOk()); // idempotent
        mvc.perform(get("/v1/task-definitions/{f}:2", family).header("Authorization", BEARER))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("INACTIVE"));

        applyYaml(service(unique("svc"), family + ":2", 1)).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("is INACTIVE (deregistered): no new service may start from it")));
        // "family" resolves to the newest ACTIVE revision, now 1.
        applyYaml(service(unique("svc"), family, 0)).andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].taskDefinition").value(family + ":1"));
        // A service already on the revision keeps it (as in ECS) and may still be scaled.
        applyYaml(service(kept, family + ":2", 1)).andExpect(status().isOk());
        mvc.perform(delete("/v1/task-definitions/{f}:9", family).header("Authorization", BEARER))
                .andExpect(status().isNotFound());
    }

    @Test
    void anInactiveRevisionIsRefusedForEveryNewUseNamingTheFieldButItsServiceKeepsRunningIt() throws Exception {
        String family = unique("inactive");
        register(producer(family, "one")).andExpect(status().isCreated());
        register(producer(family, "two")).andExpect(status().isCreated());
        String onOne = unique("svc");
        String onTwo = unique("svc");
        applyYaml(service(onOne, family + ":1", 0)).andExpect(status().isOk());
        applyYaml(service(onTwo, family + ":2", 0)).andExpect(status().isOk());
        mvc.perform(delete("/v1/task-definitions/{f}:2", family).header("Authorization", BEARER)).andExpect(status().isOk());

        // Updating a service TO the inactive revision (ECS update-service --task-definition) is refused.
        applyYaml(service(onOne, family + ":2", 0)).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value(containsString("spec.taskDefinition")))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("task definition " + family
                        + ":2 is INACTIVE (deregistered)")));
        mvc.perform(get("/v1/clusters/{c}/services/{s}", CLUSTER, onOne).header("Authorization", BEARER))
                .andExpect(jsonPath("$.taskDefinition").value(family + ":1")); // nothing stored
        // run-task with it is refused, naming the field.
        runTask("{\"taskDefinition\": \"" + family + ":2\"}").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("taskDefinition"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("is INACTIVE")));
        // So is a rollback to it.
        mvc.perform(post("/v1/clusters/{c}/services/{s}/rollback", CLUSTER, onOne).header("Authorization", BEARER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"taskDefinition\": \"" + family + ":2\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("is INACTIVE")));

        // The service already on it keeps it: it scales, and restarts (a new deployment of the same revision).
        applyYaml(service(onTwo, family + ":2", 3)).andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].taskDefinition").value(family + ":2"));
        mvc.perform(post("/v1/clusters/{c}/services/{s}/restart", CLUSTER, onTwo).header("Authorization", BEARER))
                .andExpect(status().is2xxSuccessful());

        // With every revision deregistered, "family" names none.
        mvc.perform(delete("/v1/task-definitions/{f}:1", family).header("Authorization", BEARER)).andExpect(status().isOk());
        runTask("{\"taskDefinition\": \"" + family + "\"}").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("taskDefinition"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("no ACTIVE revision")));
        applyYaml(service(unique("svc"), family, 0)).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value(containsString("spec.taskDefinition")));
    }

    private org.springframework.test.web.servlet.ResultActions runTask(String body) throws Exception {
        return mvc.perform(post("/v1/clusters/{c}/tasks", CLUSTER).header("Authorization", BEARER)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
