package io.berth.app.api;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The service list pages by name: limit, and the Berth-Continue token passed back as continue. */
class ServicePagingApiTest extends ApiTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void pagesFollowedByTheirTokensGiveTheWholeListByName() throws Exception {
        String family = unique("web");
        for (int i = 0; i < 3; i++) {
            applyYaml(documents(taskDefinition(family, "nginx"), service(unique("svc"), family, 0)))
                    .andExpect(status().isOk());
        }
        List<String> whole = names(page(null, null));
        assertThat(whole).hasSizeGreaterThanOrEqualTo(3);

        List<String> paged = new ArrayList<>();
        String token = null;
        do {
            MvcResult page = page("2", token);
            List<String> names = names(page);
            assertThat(names.size()).isBetween(1, 2);
            paged.addAll(names);
            token = page.getResponse().getHeader("Berth-Continue");
        } while (token != null);

        assertThat(paged).isEqualTo(whole);
    }

    @Test
    void aBadLimitOrTokenIs400NamingTheParameter() throws Exception {
        mvc.perform(get("/v1/clusters/" + CLUSTER + "/services").param("limit", "0").header("Authorization", BEARER))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(containsString("limit must be")));
        mvc.perform(get("/v1/clusters/" + CLUSTER + "/services").param("continue", "Zm9v")
                        .header("Authorization", BEARER))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(containsString("continue")));
    }

    private MvcResult page(String limit, String token) throws Exception {
        MockHttpServletRequestBuilder request = get("/v1/clusters/" + CLUSTER + "/services")
                .header("Authorization", BEARER);
        if (limit != null) {
            request.param("limit", limit);
        }
        if (token != null) {
            request.param("continue", token);
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn();
    }

    private static List<String> names(MvcResult result) throws Exception {
        List<String> names = new ArrayList<>();
        JSON.readTree(result.getResponse().getContentAsString()).forEach(s -> names.add(s.get("name").asString()));
        return names;
    }
}
