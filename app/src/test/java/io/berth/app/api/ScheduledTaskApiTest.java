package io.berth.app.api;

import io.berth.db.repository.ScheduledTaskRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * ScheduledTask documents through POST /v1/apply: stored, re-applied unchanged, read back with the next run, deleted;
 * every bad field a 422 naming it and saying why, with nothing stored.
 */
class ScheduledTaskApiTest extends ApiTestSupport {

    @Autowired
    ScheduledTaskRepository scheduledTasks;

    private String cluster;
    private String family;

    @BeforeEach
    void cluster() {
        cluster = unique("sched");
        family = unique("job");
        clusters.save(new io.berth.db.model.ClusterEntity(cluster));
    }

    private String scheduled(String name, String spec) {
        return """
                apiVersion: berth/v1
                kind: ScheduledTask
                metadata: {name: %s, cluster: %s}
                spec:
                %s
                """.formatted(name, cluster, spec.indent(2).stripTrailing());
    }

    private String nightly(String schedule) {
        return scheduled("nightly", """
                schedule: "%s"
                timezone: Europe/Berlin
                taskDefinition: %s
                count: 2
                concurrency: Forbid
                startingDeadline: 5m
                overrides:
                  containerOverrides:
                    - {name: app, command: ["sh", "-c", "echo hi"], environment: {MODE: nightly}}
                """.formatted(schedule, family));
    }

    @Test
    void appliesReadsAndDeletes() throws Exception {
        applyYaml(documents(taskDefinition(family, "busybox:1.36"), nightly("30 2 * * *")), true)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[1].kind").value("ScheduledTask"))
                .andExpect(jsonPath("$.documents[1].result").value("created"));
        assertThat(scheduledTasks.findByClusterAndName(cluster, "nightly")).as("dry run").isEmpty();

        applyYaml(documents(taskDefinition(family, "busybox:1.36"), nightly("30 2 * * *"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[1].result").value("created"))
                .andExpect(jsonPath("$.documents[1].taskDefinition").value(family));
        applyYaml(nightly("30 2 * * *")).andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].result").value("unchanged"));
        applyYaml(nightly("cron(30 3 * * ? *)")).andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].result").value("configured"));
        applyYaml(scheduled("often", "{schedule: 'rate(10 seconds)', taskDefinition: %s}".formatted(family)))
                .andExpect(status().isOk());

        mvc.perform(get("/v1/clusters/{c}/scheduled-tasks/nightly", cluster).header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.schedule").value("cron(30 3 * * ? *)"))
                .andExpect(jsonPath("$.timezone").value("Europe/Berlin"))
                .andExpect(jsonPath("$.concurrency").value("Forbid"))
                .andExpect(jsonPath("$.startingDeadline").value("5m"))
                .andExpect(jsonPath("$.count").value(2))
                .andExpect(jsonPath("$.suspend").value(false))
                .andExpect(jsonPath("$.nextRun").isNotEmpty())
                .andExpect(jsonPath("$.lastRun").doesNotExist())
                .andExpect(jsonPath("$.firings", hasSize(0)));
        mvc.perform(get("/v1/clusters/{c}/scheduled-tasks", cluster).param("limit", "1")
                        .header("Authorization", BEARER))
                .andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].name").value("nightly"))
                .andExpect(header().exists("Berth-Continue"));

        mvc.perform(delete("/v1/clusters/{c}/scheduled-tasks/nightly", cluster).header("Authorization", BEARER))
                .andExpect(status().isNoContent());
        mvc.perform(get("/v1/clusters/{c}/scheduled-tasks/nightly", cluster).header("Authorization", BEARER))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/v1/clusters/{c}/scheduled-tasks/nightly", cluster).header("Authorization", BEARER))
                .andExpect(status().isNotFound());
        mvc.perform(get("/v1/clusters/nope-{c}/scheduled-tasks", cluster).header("Authorization", BEARER))
                .andExpect(status().isNotFound());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {schedule: '61 * * * *', taskDefinition: FAMILY}                        | documents[1].spec.schedule         | is not a valid cron expression
            {schedule: '* * *', taskDefinition: FAMILY}                             | documents[1].spec.schedule         | has 3 fields
            {schedule: 'rate(0 minutes)', taskDefinition: FAMILY}                   | documents[1].spec.schedule         | rate must be at least 1
            {schedule: 'cron(0 10 * * * *)', taskDefinition: FAMILY}                | documents[1].spec.schedule         | is not a valid AWS cron expression
            {taskDefinition: FAMILY}                                                | documents[1].spec.schedule         | is required
            {schedule: '@daily', taskDefinition: FAMILY}                            | documents[1].spec.schedule         | has 1 fields
            {schedule: '0 * * * *', timezone: Mars/Base, taskDefinition: FAMILY}    | documents[1].spec.timezone         | is not a known IANA time zone
            {schedule: '0 * * * *', taskDefinition: FAMILY, concurrency: Never}     | documents[1].spec.concurrency      | must be Allow, Forbid or Replace
            {schedule: '0 * * * *', taskDefinition: FAMILY, count: 11}              | documents[1].spec.count            | must be between 1 and 10
            {schedule: '0 * * * *', taskDefinition: FAMILY, startingDeadline: soon} | documents[1].spec.startingDeadline | 
            {schedule: '0 * * * *', taskDefinition: FAMILY, failedHistoryLimit: -1} | documents[1].spec.failedHistoryLimit | must be between 0 and 100
            {schedule: '0 * * * *', taskDefinition: FAMILY, every: 5m}              | documents[1].spec.every            | 
            {schedule: '0 * * * *', taskDefinition: nosuchfamily}                   | documents[1].spec.taskDefinition   | nosuchfamily
            {schedule: '0 * * * *', taskDefinition: FAMILY, overrides: {containerOverrides: [{name: db}]}} | documents[1].spec.overrides.containerOverrides[0].name | must name a container
            """)
    void badFieldsAreRefusedNamingThem(String spec, String field, String message) throws Exception {
        String yaml = documents(taskDefinition(family, "busybox:1.36"),
                scheduled("bad", spec.replace("FAMILY", family)));

        applyYaml(yaml).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].message", containsString(message == null ? "" : message)));
        assertThat(scheduledTasks.findByClusterAndName(cluster, "bad")).isEmpty();
    }

    @Test
    void anUnknownClusterIsNamed() throws Exception {
        applyYaml(documents(taskDefinition(family, "busybox:1.36"), scheduled("x", "{schedule: '0 * * * *', "
                + "taskDefinition: %s}".formatted(family)).replace("cluster: " + cluster, "cluster: nope-" + cluster)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("documents[1].metadata.cluster"));
    }

    @Test
    void schedulingTasksIsItsOwnPermissionAndNeedsTheRightToStartThemToo() throws Exception {
        applyYaml(taskDefinition(family, "busybox:1.36")).andExpect(status().isOk());
        String role = unique("scheduler-only");
        applyYaml("""
                apiVersion: berth/v1
                kind: Role
                metadata: {name: %s}
                spec:
                  rules: [{verbs: [create, update], resources: [scheduled-tasks]}]
                """.formatted(role)).andExpect(status().isOk());
        String job = scheduled("hourly", "{schedule: 'rate(1 hour)', taskDefinition: %s}".formatted(family));

        applyAs(token("deployer"), job).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value(containsString("may not create scheduled-tasks in cluster '" + cluster + "'")));
        applyAs(token(role), job).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value(containsString("may not create tasks in cluster '" + cluster + "'")));
        assertThat(scheduledTasks.findByClusterAndName(cluster, "hourly")).as("nothing stored when refused").isEmpty();

        String operator = token("operator");
        applyAs(operator, job).andExpect(status().isOk()).andExpect(jsonPath("$.documents[0].result").value("created"));
        mvc.perform(get("/v1/clusters/{c}/scheduled-tasks", cluster).header("Authorization", token("viewer")))
                .andExpect(status().isOk());
        mvc.perform(delete("/v1/clusters/{c}/scheduled-tasks/hourly", cluster).header("Authorization", token("deployer")))
                .andExpect(status().isForbidden());
        mvc.perform(delete("/v1/clusters/{c}/scheduled-tasks/hourly", cluster).header("Authorization", operator))
                .andExpect(status().isNoContent());
    }

    private String token(String role) throws Exception {
        String answer = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/v1/tokens")
                        .header("Authorization", BEARER).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"%s\",\"role\":\"%s\",\"clusters\":[\"%s\"]}"
                                .formatted(unique("t"), role, cluster)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return "Bearer " + tools.jackson.databind.json.JsonMapper.builder().build().readTree(answer).get("secret").stringValue();
    }

    private org.springframework.test.web.servlet.ResultActions applyAs(String bearer, String yaml) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/v1/apply")
                .header("Authorization", bearer)
                .contentType(org.springframework.http.MediaType.parseMediaType("application/yaml")).content(yaml));
    }
}
