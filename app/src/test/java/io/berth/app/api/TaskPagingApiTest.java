package io.berth.app.api;

import io.berth.db.model.DesiredStatus;
import io.berth.db.model.LastStatus;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.TaskDefinitionId;
import io.berth.db.model.TaskEntity;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The task list pages by keyset: limit, and the Berth-Continue token passed back as continue. */
class TaskPagingApiTest extends ApiTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void pagesFollowedByTheirTokensGiveTheWholeListNewestFirst() throws Exception {
        assumeFalse(loopRunning(), "a live control loop would act on these hand-made tasks");
        String name = serviceWithTasks(5);
        List<String> whole = ids(list(name, null, null));
        assertThat(whole).hasSize(5);

        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            MvcResult page = list(name, "2", token);
            List<String> ids = ids(page);
            assertThat(ids.size()).isBetween(1, 2);
            paged.addAll(ids);
            token = page.getResponse().getHeader("Berth-Continue");
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(3);
        assertThat(paged).isEqualTo(whole);
    }

    @Test
    void filtersApplyAcrossPages() throws Exception {
        assumeFalse(loopRunning(), "a live control loop would act on these hand-made tasks");
        String name = serviceWithTasks(6); // every other one stopped
        List<String> stopped = new ArrayList<>();
        String token = null;
        do {
            MockHttpServletRequestBuilder request = get("/v1/clusters/" + CLUSTER + "/tasks").param("service", name)
                    .param("desiredStatus", "STOPPED").param("limit", "1").header("Authorization", BEARER);
            if (token != null) {
                request.param("continue", token);
            }
            MvcResult page = mvc.perform(request).andExpect(status().isOk()).andReturn();
            JsonNode body = JSON.readTree(page.getResponse().getContentAsString());
            body.forEach(t -> assertThat(t.get("desiredStatus").asString()).isEqualTo("STOPPED"));
            body.forEach(t -> stopped.add(t.get("id").asString()));
            token = page.getResponse().getHeader("Berth-Continue");
        } while (token != null);
        assertThat(stopped).hasSize(3);
    }

    @Test
    void theLastPageHasNoToken() throws Exception {
        assumeFalse(loopRunning(), "a live control loop would act on these hand-made tasks");
        String name = serviceWithTasks(2);
        mvc.perform(get("/v1/clusters/" + CLUSTER + "/tasks").param("service", name).param("limit", "2")
                        .header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Berth-Continue"));
    }

    @Test
    void aBadLimitOrTokenIs400NamingTheParameter() throws Exception {
        for (String limit : List.of("0", "-1", "1001", "abc", "99999999999")) {
            mvc.perform(get("/v1/clusters/" + CLUSTER + "/tasks").param("limit", limit).header("Authorization", BEARER))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.message").value(containsString("limit must be")));
        }
        for (String token : List.of("garbage!", "Zm9v", "")) {
            if (token.isEmpty()) {
                continue;
            }
            mvc.perform(get("/v1/clusters/" + CLUSTER + "/tasks").param("continue", token)
                            .header("Authorization", BEARER))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.message").value(containsString("continue")));
        }
    }

    private MvcResult list(String service, String limit, String token) throws Exception {
        MockHttpServletRequestBuilder request = get("/v1/clusters/" + CLUSTER + "/tasks").param("service", service)
                .header("Authorization", BEARER);
        if (limit != null) {
            request.param("limit", limit);
        }
        if (token != null) {
            request.param("continue", token);
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn();
    }

    private static List<String> ids(MvcResult result) throws Exception {
        List<String> ids = new ArrayList<>();
        JSON.readTree(result.getResponse().getContentAsString()).forEach(t -> ids.add(t.get("id").asString()));
        return ids;
    }

    /** A service with {@code count} hand-made tasks, every other one stopped. */
    private String serviceWithTasks(int count) throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 0)))
                .andExpect(status().isOk());
        ServiceEntity service = service(name);
        for (int i = 0; i < count; i++) {
            boolean stopped = i % 2 == 1;
            TaskEntity task = new TaskEntity(service.getCluster(), new TaskDefinitionId(service.getTaskFamily(),
                    service.getTaskRevision()), 0, 64);
            task.setService(service.getId(), service.getName());
            task.setLastStatus(stopped ? LastStatus.STOPPED : LastStatus.RUNNING);
            task.setDesiredStatus(stopped ? DesiredStatus.STOPPED : DesiredStatus.RUNNING);
            task.addContainer("app");
            tasks.saveAndFlush(task);
        }
        return name;
    }
}
