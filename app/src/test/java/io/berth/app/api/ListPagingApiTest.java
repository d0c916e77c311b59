package io.berth.app.api;

import io.berth.db.model.ClusterEntity;
import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.repository.ContainerInstanceRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every list pages as the task and service lists do: {@code limit}, the Berth-Continue header passed back as
 * {@code continue}, the whole list once every page is followed; a bad {@code limit} or {@code continue} is a 400
 * naming it. Clusters, container instances, task definition families and a family's revisions, credentials, a
 * service's deployments.
 */
class ListPagingApiTest extends DeploymentTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private ContainerInstanceRepository instances;

    @Test
    void clustersPageByName() throws Exception {
        for (int i = 0; i < 3; i++) {
            clusters.save(new ClusterEntity(unique("paged")));
        }
        assertPagesGiveTheWholeList("/v1/clusters", n -> n.get("name").asString());
    }

    @Test
    void containerInstancesPageOldestFirst() throws Exception {
        String cluster = unique("c");
        clusters.save(new ClusterEntity(cluster));
        for (int i = 0; i < 5; i++) {
            instances.save(new ContainerInstanceEntity(cluster, "tcp://" + unique("h") + ":2375", 2048, 4096));
        }
        List<String> paged = assertPagesGiveTheWholeList("/v1/clusters/" + cluster + "/container-instances",
                n -> n.get("id").asString());
        assertThat(paged).hasSize(5);
        mvc.perform(get("/v1/clusters/" + unique("none") + "/container-instances").param("limit", "1")
                .header("Authorization", BEARER)).andExpect(status().isNotFound());
    }

    @Test
    void taskDefinitionFamiliesPageByNameAndAFamilysRevisionsOldestFirst() throws Exception {
        String family = unique("paged");
        for (String image : List.of("nginx:1", "nginx:2", "nginx:3")) {
            applyYaml(taskDefinition(family, image)).andExpect(status().isOk());
        }
        for (int i = 0; i < 2; i++) {
            applyYaml(taskDefinition(unique("paged"), "nginx")).andExpect(status().isOk());
        }
        assertPagesGiveTheWholeList("/v1/task-definitions", n -> n.get("family").asString());

        List<Integer> revisions = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            MvcResult page = page("/v1/task-definitions/" + family, "2", token);
            JsonNode body = JSON.readTree(page.getResponse().getContentAsString());
            assertThat(body.get("family").asString()).isEqualTo(family);
            body.get("revisions").forEach(r -> revisions.add(r.get("revision").asInt()));
            token = page.getResponse().getHeader(Page.CONTINUE_HEADER);
            pages++;
        } while (token != null);
        assertThat(revisions).containsExactly(1, 2, 3);
        assertThat(pages).isEqualTo(2);
        mvc.perform(get("/v1/task-definitions/" + unique("none")).header("Authorization", BEARER))
                .andExpect(status().isNotFound());
        mvc.perform(get("/v1/task-definitions/" + family).param("continue", ContinueToken.encodeName("x"))
                        .header("Authorization", BEARER))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.message").value(containsString("continue")));
    }

    @Test
    void credentialsPageByName() throws Exception {
        for (int i = 0; i < 3; i++) {
            String body = "{\"name\":\"%s\",\"serverAddress\":\"registry.example:5000\",\"username\":\"bot\",\"password\":\"pw\"}"
                    .formatted(unique("reg"));
            mvc.perform(post("/v1/credentials").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                    .content(body)).andExpect(status().isCreated());
        }
        assertPagesGiveTheWholeList("/v1/credentials", n -> n.get("name").asString());
    }

    @Test
    void deploymentsOfAServicePageNewestFirst() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        for (String image : List.of("nginx:1", "nginx:2", "nginx:3")) {
            applyYaml(documents(taskDefinition(family, image), service(name, family, 1))).andExpect(status().isOk());
        }
        List<String> paged = assertPagesGiveTheWholeList(base(name) + "/deployments", n -> n.get("id").asString());
        assertThat(paged).hasSize(3);
        JsonNode first = JSON.readTree(page(base(name) + "/deployments", "1", null).getResponse().getContentAsString());
        assertThat(first.get(0).get("taskDefinition").asString()).as("newest first").isEqualTo(family + ":3");
    }

    @Test
    void everyListRefusesABadLimitOrContinueNamingIt() throws Exception {
        String cluster = unique("c");
        clusters.save(new ClusterEntity(cluster));
        String family = unique("fam");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 1))).andExpect(status().isOk());
        for (String path : List.of("/v1/clusters", "/v1/clusters/" + cluster + "/container-instances",
                "/v1/task-definitions", "/v1/task-definitions/" + family, "/v1/credentials", base(name) + "/deployments")) {
            for (String limit : List.of("0", "1001", "x")) {
                mvc.perform(get(path).param("limit", limit).header("Authorization", BEARER))
                        .andExpect(status().isBadRequest())
                        .andExpect(jsonPath("$.message").value(containsString("limit")));
            }
            mvc.perform(get(path).param("continue", "not-a-token!").header("Authorization", BEARER))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.message").value(containsString("continue")));
        }
        mvc.perform(get("/v1/clusters").param("limit", "1").header("Authorization", BEARER))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(1))
                .andExpect(header().exists(Page.CONTINUE_HEADER));
    }

    /** Follows the tokens with a page size of 2 and checks the pages add up to the unpaged list, in its order. */
    private List<String> assertPagesGiveTheWholeList(String path, Function<JsonNode, String> key) throws Exception {
        List<String> whole = new ArrayList<>();
        MvcResult unpaged = page(path, null, null);
        assertThat(unpaged.getResponse().getHeader(Page.CONTINUE_HEADER)).as("default page size: one page").isNull();
        JSON.readTree(unpaged.getResponse().getContentAsString()).forEach(n -> whole.add(key.apply(n)));
        assertThat(whole.size()).isGreaterThanOrEqualTo(3);

        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            MvcResult page = page(path, "2", token);
            JsonNode body = JSON.readTree(page.getResponse().getContentAsString());
            assertThat(body.size()).isBetween(1, 2);
            body.forEach(n -> paged.add(key.apply(n)));
            token = page.getResponse().getHeader(Page.CONTINUE_HEADER);
            pages++;
        } while (token != null);
        assertThat(paged).isEqualTo(whole);
        assertThat(pages).isEqualTo((whole.size() + 1) / 2);
        return paged;
    }

    private MvcResult page(String path, String limit, String token) throws Exception {
        MockHttpServletRequestBuilder request = get(path).header("Authorization", BEARER);
        if (limit != null) {
            request.param("limit", limit);
        }
        if (token != null) {
            request.param("continue", token);
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn();
    }
}
