package io.berth.app.api;

import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.TaskEntity;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskOverrides;
import io.berth.reconciler.pass.StandaloneTaskRunner;
import io.berth.reconciler.plan.RunTaskPlan;
import io.berth.reconciler.store.StateStore;
import io.berth.reconciler.store.OverridesJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** run-task, stop-task and the task list's filters over the API and the database (no loop runs here). */
class RunTaskApiTest extends ApiTestSupport {

    @Autowired
    private ContainerInstanceRepository instances;
    @Autowired
    private ClusterBootstrap bootstrap;
    @Autowired
    private StandaloneTaskRunner runner;
    @Autowired
    private StateStore store;
    @Autowired
    private TaskViews views;

    private String cluster;
    private String family;

    @BeforeEach
    void clusterWithOneInstance() throws Exception {
        cluster = unique("runtask");
        family = unique("job");
        bootstrap.ensureExists(cluster);
        applyYaml("""
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata:
                  name: %s
                spec:
                  containers:
                    - name: main
                      image: busybox:1.36
                      command: ["sh", "-c", "echo hi"]
                      memory: 300
                """.formatted(family)).andExpect(status().isOk());
        ContainerInstanceEntity instance = new ContainerInstanceEntity(cluster, "tcp://198.18.0.250:2376", 2048, 1024);
        instance.setConnected(true);
        instances.save(instance);
    }

    private ResultActions run(String body) throws Exception {
        return mvc.perform(post("/v1/clusters/{c}/tasks", cluster).header("Authorization", BEARER)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    /** What run-task answers when the read after its commit fails must be what a describe shows. */
    @Test
    void aTaskAnsweredAsWrittenIsWhatADescribeShows() {
        TaskDefinition td = store.taskDefinitions(List.of(family + ":1")).get(family + ":1");
        RunTaskPlan plan = runner.run(cluster, td, 1, TaskOverrides.NONE, "ci-7", "nightly");
        Task written = plan.tasks().getFirst();
        assertThat(AcceptedTasks.asWritten(written, "ci-7", "nightly"))
                .isEqualTo(views.get(cluster, written.id().toString()));
    }

    @Test
    void runTaskRecordsPlacedTasksAndAnswersFailuresForTheRest() throws Exception {
        // 1024 MiB host, 300 MiB tasks: three fit, the fourth does not.
        run("""
                {"taskDefinition": "%s", "count": 4, "startedBy": "ci-42", "group": "nightly",
                 "overrides": {"containerOverrides": [{"name": "main", "command": ["sh", "-c", "exit 3"],
                   "environment": [{"name": "MODE", "value": "producer"}]}]}}
                """.formatted(family))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.tasks", hasSize(3)))
                .andExpect(jsonPath("$.tasks[0].lastStatus").value("PROVISIONING"))
                .andExpect(jsonPath("$.tasks[0].desiredStatus").value("RUNNING"))
                .andExpect(jsonPath("$.tasks[0].taskDefinition").value(family + ":1"))
                .andExpect(jsonPath("$.tasks[0].startedBy").value("ci-42"))
                .andExpect(jsonPath("$.tasks[0].group").value("nightly"))
                .andExpect(jsonPath("$.tasks[0].service").doesNotExist())
                .andExpect(jsonPath("$.failures", hasSize(1)))
                .andExpect(jsonPath("$.failures[0].arn").value(family + ":1"))
                .andExpect(jsonPath("$.failures[0].reason", containsString("lack memory (need 300 MiB")));

        TaskEntity row = tasks.findByClusterOrderByCreatedAt(cluster).getFirst();
        TaskOverrides overrides = new OverridesJson().fromJson(row.getOverrides());
        assertThat(overrides.containerOverrides()).singleElement().satisfies(o -> {
            assertThat(o.command()).containsExactly("sh", "-c", "exit 3");
            assertThat(o.environment()).containsEntry("MODE", "producer");
        });
    }

    /**
     * A client that lost the answer (its connection broke while Berth committed) asks again with the same token and
     * gets the same tasks, and nothing more starts.
     */
    @Test
    void aRetryWithTheSameClientTokenAnswersTheFirstRequestsTasks() throws Exception {
        String body = """
                {"taskDefinition": "%s", "count": 2, "startedBy": "ci-9", "clientToken": "deploy-9f2c/migrate"}
                """.formatted(family);
        String first = run(body).andExpect(status().isCreated()).andExpect(jsonPath("$.tasks", hasSize(2)))
                .andReturn().getResponse().getContentAsString();
        String again = run(body).andExpect(status().isCreated()).andExpect(jsonPath("$.tasks", hasSize(2)))
                .andExpect(jsonPath("$.failures", hasSize(0)))
                .andReturn().getResponse().getContentAsString();
        assertThat(ids(again)).isEqualTo(ids(first));
        assertThat(tasks.findByClusterOrderByCreatedAt(cluster)).hasSize(2);

        run("""
                {"taskDefinition": "%s", "count": 1, "clientToken": "deploy-9f2d/migrate"}
                """.formatted(family)).andExpect(status().isCreated());
        assertThat(tasks.findByClusterOrderByCreatedAt(cluster)).as("another token is another request").hasSize(3);
    }

    @Test
    void aClientTokenReusedForAnotherRequestOrMalformedIsRefusedNamingIt() throws Exception {
        run("""
                {"taskDefinition": "%s", "clientToken": "once"}
                """.formatted(family)).andExpect(status().isCreated());
        run("""
                {"taskDefinition": "%s", "count": 3, "clientToken": "once"}
                """.formatted(family))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("clientToken"))
                .andExpect(jsonPath("$.errors[0].message", containsString("other parameters")));
        run("""
                {"taskDefinition": "%s", "clientToken": "has space"}
                """.formatted(family))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("clientToken"));
        run("""
                {"taskDefinition": "%s", "clientToken": "%s"}
                """.formatted(family, "x".repeat(65)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("clientToken"));
        assertThat(tasks.findByClusterOrderByCreatedAt(cluster)).hasSize(1);
    }

    private static List<String> ids(String runTaskAnswer) {
        return com.jayway.jsonpath.JsonPath.read(runTaskAnswer, "$.tasks[*].id");
    }

    @Test
    void badRequestsNameEveryFieldAndStartNothing() throws Exception {
        run("""
                {"taskDefinition": "%s", "count": 11,
                 "overrides": {"containerOverrides": [{"name": "nope", "memory": 2, "environment": {"1BAD": "x"}}]}}
                """.formatted(family))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[?(@.field == 'count')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'overrides.containerOverrides[0].name')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'overrides.containerOverrides[0].memory')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'overrides.containerOverrides[0].environment.1BAD')]").exists());
        run("{\"taskDefinition\": \"no-such-family\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("taskDefinition"));
        run("{\"count\": 1}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("taskDefinition"));
        run("""
                {"taskDefinition": "%s", "placementConstraints": [{"type": "memberOf", "expression": "attribute:zone = a"}],
                 "placementStrategy": [{"type": "binpack", "field": "disk"}]}
                """.formatted(family))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[?(@.field =~ /placementConstraints\\[0\\].expression.*/)]").exists())
                .andExpect(jsonPath("$.errors[?(@.field =~ /placementStrategy\\[0\\].*/)]").exists());
        assertThat(tasks.findByClusterOrderByCreatedAt(cluster)).isEmpty();
    }

    @Test
    void aMissingOrForeignRegistryCredentialIsRefusedBeforeAnyTaskStarts() throws Exception {
        String withCredential = unique("private");
        String credential = unique("reg");
        applyYaml("""
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %s}
                spec:
                  containers:
                    - name: main
                      image: busybox:1.36
                      memory: 64
                      repositoryCredentials: {credentialsParameter: %s}
                """.formatted(withCredential, credential)).andExpect(status().isOk());
        run("{\"taskDefinition\": \"%s\"}".formatted(withCredential))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("taskDefinition"))
                .andExpect(jsonPath("$.errors[0].message", containsString(
                        "containers[0].repositoryCredentials.credentialsParameter: no stored credential named")));
        mvc.perform(post("/v1/credentials").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"%s\",\"serverAddress\":\"registry.example:5000\",\"username\":\"u\",\"password\":\"p\"}"
                        .formatted(credential)))
                .andExpect(status().isCreated());
        run("{\"taskDefinition\": \"%s\"}".formatted(withCredential))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].message", containsString("is for registry registry.example:5000, "
                        + "the image busybox:1.36 is on docker.io")));
        assertThat(tasks.findByClusterOrderByCreatedAt(cluster)).isEmpty();
    }

    @Test
    void unknownClusterIs404() throws Exception {
        mvc.perform(post("/v1/clusters/{c}/tasks", "no-such-cluster").header("Authorization", BEARER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"taskDefinition\": \"" + family + "\"}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void stopTaskRecordsTheUsersReasonOnce() throws Exception {
        run("{\"taskDefinition\": \"%s\"}".formatted(family)).andExpect(status().isCreated());
        UUID id = tasks.findByClusterOrderByCreatedAt(cluster).getFirst().getId();

        mvc.perform(post("/v1/clusters/{c}/tasks/{id}/stop", cluster, id).header("Authorization", BEARER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"wrong input file\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.desiredStatus").value("STOPPED"))
                .andExpect(jsonPath("$.stopCode").value("UserInitiated"))
                .andExpect(jsonPath("$.stoppedReason").value("wrong input file"))
                .andExpect(jsonPath("$.stoppingAt").exists());
        mvc.perform(post("/v1/clusters/{c}/tasks/{id}/stop", cluster, id).header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stoppedReason").value("wrong input file"));
        mvc.perform(post("/v1/clusters/{c}/tasks/{id}/stop", cluster, UUID.randomUUID()).header("Authorization", BEARER))
                .andExpect(status().isNotFound());
    }

    @Test
    void listFiltersByStartedByGroupFamilyAndDesiredStatus() throws Exception {
        run("{\"taskDefinition\": \"%s\", \"startedBy\": \"a\", \"group\": \"g1\"}".formatted(family)).andExpect(status().isCreated());
        run("{\"taskDefinition\": \"%s:1\", \"startedBy\": \"b\", \"group\": \"g2\"}".formatted(family)).andExpect(status().isCreated());
        UUID b = tasks.findByClusterOrderByCreatedAt(cluster).stream().filter(t -> "b".equals(t.getStartedBy())).findFirst().orElseThrow().getId();
        mvc.perform(post("/v1/clusters/{c}/tasks/{id}/stop", cluster, b).header("Authorization", BEARER)).andExpect(status().isOk());

        list("startedBy", "a").andExpect(jsonPath("$", hasSize(1))).andExpect(jsonPath("$[0].group").value("g1"));
        list("group", "g2").andExpect(jsonPath("$", hasSize(1))).andExpect(jsonPath("$[0].startedBy").value("b"));
        list("family", family).andExpect(jsonPath("$", hasSize(2)));
        list("family", "other").andExpect(jsonPath("$", hasSize(0)));
        list("desiredStatus", "STOPPED").andExpect(jsonPath("$", hasSize(1))).andExpect(jsonPath("$[0].startedBy").value("b"));
        list("desiredStatus", "RUNNING").andExpect(jsonPath("$", hasSize(1))).andExpect(jsonPath("$[0].startedBy").value("a"));
        list("desiredStatus", "sometimes").andExpect(status().isBadRequest());
        // Filters combine (AND), as ECS list-tasks' do; the CLI's get tasks sends them together.
        mvc.perform(get("/v1/clusters/{c}/tasks", cluster).param("startedBy", "a").param("group", "g1")
                        .param("family", family).param("desiredStatus", "RUNNING").header("Authorization", BEARER))
                .andExpect(jsonPath("$", hasSize(1))).andExpect(jsonPath("$[0].startedBy").value("a"));
        mvc.perform(get("/v1/clusters/{c}/tasks", cluster).param("startedBy", "a").param("group", "g2")
                        .header("Authorization", BEARER))
                .andExpect(jsonPath("$", hasSize(0)));
    }

    private ResultActions list(String param, String value) throws Exception {
        return mvc.perform(get("/v1/clusters/{c}/tasks", cluster).param(param, value).header("Authorization", BEARER));
    }
}
