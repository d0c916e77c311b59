package io.berth.app.security;

import io.berth.app.BerthContextTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Custom roles as {@code kind: Role} through the one apply path, used by a token, and refused to lesser callers. */
class RoleApiTest extends BerthContextTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JsonMapper json;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private ResultActions apply(String bearer, String yaml) throws Exception {
        return mvc.perform(post("/v1/apply").header("Authorization", bearer).contentType("application/yaml").content(yaml));
    }

    private static String role(String name, String rules) {
        return """
                apiVersion: berth/v1
                kind: Role
                metadata: {name: %s}
                spec:
                  rules: %s
                """.formatted(name, rules);
    }

    private String token(String role, String clusters) throws Exception {
        String answer = mvc.perform(post("/v1/tokens").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"%s\",\"role\":\"%s\",\"clusters\":%s}".formatted(unique("t"), role, clusters)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return "Bearer " + json.readTree(answer).get("secret").stringValue();
    }

    @Test
    void aCustomRoleGrantsItsRulesOnlyAndChangesTakeEffectAtOnce() throws Exception {
        String name = unique("svc-reader");
        apply(BEARER, role(name, "[{verbs: [get, list], resources: [services], clusters: [prod]}]"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].kind").value("Role"))
                .andExpect(jsonPath("$.documents[0].result").value("created"));
        apply(BEARER, role(name, "[{verbs: [get, list], resources: [services], clusters: [prod]}]"))
                .andExpect(jsonPath("$.documents[0].result").value("unchanged"));
        mvc.perform(get("/v1/roles/{n}", name).header("Authorization", BEARER))
                .andExpect(jsonPath("$.builtIn").value(false))
                .andExpect(jsonPath("$.rules[0].verbs", hasItem("list")));
        mvc.perform(post("/v1/clusters").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"prod\"}")).andExpect(status().isCreated());

        String bearer = token(name, "[\"prod\"]");
        mvc.perform(get("/v1/clusters/prod/services").header("Authorization", bearer)).andExpect(status().isOk());
        mvc.perform(get("/v1/clusters/prod/tasks").header("Authorization", bearer))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value(containsString("(role " + name + ", clusters [prod]) may not list "
                        + "tasks in cluster 'prod'")));

        apply(BEARER, role(name, "[{verbs: [get, list], resources: [tasks]}]"))
                .andExpect(jsonPath("$.documents[0].result").value("configured"));
        mvc.perform(get("/v1/clusters/prod/tasks").header("Authorization", bearer)).andExpect(status().isOk());
        mvc.perform(get("/v1/clusters/prod/services").header("Authorization", bearer)).andExpect(status().isForbidden());

        mvc.perform(delete("/v1/roles/{n}", name).header("Authorization", BEARER)).andExpect(status().isNoContent());
        mvc.perform(get("/v1/clusters/prod/tasks").header("Authorization", bearer)).andExpect(status().isForbidden());
        mvc.perform(delete("/v1/roles/viewer").header("Authorization", BEARER)).andExpect(status().isConflict());
    }

    @Test
    void onlyACallerThatHoldsItAllMayApplyARole() throws Exception {
        String deployer = token("deployer", "[\"prod\"]");
        apply(deployer, role(unique("r"), "[{verbs: [get], resources: [services]}]"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value(containsString("may not create roles")));
    }

    @Test
    void badRulesAreNamedField() throws Exception {
        apply(BEARER, role("viewer", "[{verbs: [get], resources: [services]}]"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("documents[0].metadata.name"));
        apply(BEARER, role(unique("r"), "[{verbs: [get, explode], resources: [services, '*'], clusters: ['a b']}]"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field", hasItem("documents[0].spec.rules[0].verbs[1]")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("documents[0].spec.rules[0].clusters[0]")));
        apply(BEARER, role(unique("r"), "[{verbs: [get]}]"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("documents[0].spec.rules[0].resources"));
    }
}
