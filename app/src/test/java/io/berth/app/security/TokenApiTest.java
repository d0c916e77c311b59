package io.berth.app.security;

import io.berth.app.BerthContextTest;
import io.berth.app.security.tokens.ApiToken;
import io.berth.app.security.tokens.TokenStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** API tokens through the real filter, interceptor and PostgreSQL: create, use, 403s, no escalation, revoke. */
class TokenApiTest extends BerthContextTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JsonMapper json;
    @Autowired
    private TokenStore store;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private ResultActions createToken(String bearer, String body) throws Exception {
        return mvc.perform(post("/v1/tokens").header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private String secret(String bearer, String name, String role, String clusters) throws Exception {
        String answer = createToken(bearer, "{\"name\":\"%s\",\"role\":\"%s\",\"clusters\":%s,\"expiresIn\":\"1d\"}"
                .formatted(name, role, clusters))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.token.name").value(name))
                .andExpect(jsonPath("$.secret").value(startsWith("berth_")))
                .andReturn().getResponse().getContentAsString();
        return json.readTree(answer).get("secret").stringValue();
    }

    @Test
    void aViewerTokenReadsInItsClusterAndIsRefusedEverythingElseUntilRevoked() throws Exception {
        for (String cluster : new String[]{"prod", "staging"}) {
            mvc.perform(post("/v1/clusters").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\"" + cluster + "\"}")).andExpect(status().isCreated());
        }
        String name = unique("viewer");
        String secret = "Bearer " + secret(BEARER, name, "viewer", "[\"prod\"]");

        mvc.perform(get("/v1/tokens").header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name", hasItem(name)))
                .andExpect(content().string(not(containsString(secret.substring(7)))))
                .andExpect(content().string(not(containsString("secret"))));
        mvc.perform(get("/v1/clusters/prod/services").header("Authorization", secret)).andExpect(status().isOk());
        mvc.perform(get("/v1/clusters/staging/services").header("Authorization", secret))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value("token '" + name + "' (role viewer, clusters [prod]) may not "
                        + "list services in cluster 'staging'"));
        mvc.perform(post("/v1/apply").header("Authorization", secret).contentType("application/yaml").content("""
                        apiVersion: berth/v1
                        kind: Service
                        metadata: {name: web, cluster: prod}
                        spec: {taskDefinition: "web:1", desiredCount: 1}
                        """))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value("token '" + name + "' (role viewer, clusters [prod]) may not "
                        + "create services in cluster 'prod'"));
        mvc.perform(get("/v1/tokens").header("Authorization", secret)).andExpect(status().isForbidden());
        mvc.perform(get("/v1/auth/whoami").header("Authorization", secret))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(name))
                .andExpect(jsonPath("$.roles[0]").value("viewer"))
                .andExpect(jsonPath("$.clusters[0]").value("prod"))
                .andExpect(jsonPath("$.rules[0].verbs", hasItem("watch")))
                .andExpect(jsonPath("$.allowed.services", hasItem("watch")))
                .andExpect(jsonPath("$.allowed.services", not(hasItem("delete"))))
                .andExpect(jsonPath("$.allowed.tokens").doesNotExist());
        mvc.perform(get("/v1/auth/can-i").param("verb", "watch").param("resource", "services").param("cluster", "prod")
                        .header("Authorization", secret))
                .andExpect(jsonPath("$.allowed").value(true));
        mvc.perform(get("/v1/auth/can-i").param("verb", "delete").param("resource", "services").param("cluster", "prod")
                        .header("Authorization", secret))
                .andExpect(jsonPath("$.allowed").value(false))
                .andExpect(jsonPath("$.message").value(containsString("may not delete services in cluster 'prod'")));
        mvc.perform(get("/v1/auth/can-i").param("verb", "explode").param("resource", "services")
                        .header("Authorization", secret))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(startsWith("verb: ")));
        mvc.perform(get("/v1/tokens/{n}", name).header("Authorization", BEARER))
                .andExpect(jsonPath("$.lastUsedAt").isNotEmpty())
                .andExpect(jsonPath("$.expiresAt").isNotEmpty());

        mvc.perform(delete("/v1/tokens/{n}", name).header("Authorization", BEARER)).andExpect(status().isNoContent());
        mvc.perform(get("/v1/clusters/prod/services").header("Authorization", secret))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").value(startsWith("token '" + name + "' was revoked at ")));
        mvc.perform(get("/v1/tokens/{n}", name).header("Authorization", BEARER)).andExpect(status().isNotFound());
        // The name is free again once revoked.
        secret(BEARER, name, "viewer", "[\"prod\"]");
    }

    @Test
    void aTokenHandsOutNoMoreThanItHolds() throws Exception {
        // A custom role may hand out tokens; the built-in ones other than admin may not, so this starts from admin.
        String deployer = "Bearer " + secret(BEARER, unique("deployer"), "deployer", "[\"prod\"]");
        createToken(deployer, "{\"name\":\"%s\",\"role\":\"viewer\",\"clusters\":[\"prod\"]}".formatted(unique("v")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value(containsString("may not create tokens")));

        String name = unique("dup");
        secret(BEARER, name, "operator", "[\"prod\",\"staging\"]");
        createToken(BEARER, "{\"name\":\"%s\",\"role\":\"viewer\",\"clusters\":[\"prod\"]}".formatted(name))
                .andExpect(status().isConflict());
        createToken(BEARER, "{\"name\":\"%s\",\"role\":\"nope\"}".formatted(unique("x")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.message").value("role: role \"nope\" does not exist"));
        createToken(BEARER, "{\"name\":\"admin\",\"role\":\"viewer\",\"clusters\":[\"prod\"]}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.message").value(startsWith("name: ")));
        createToken(BEARER, "{\"name\":\"%s\",\"role\":\"viewer\",\"clusters\":[\"a b\"]}".formatted(unique("x")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.message").value(startsWith("clusters[0]: ")));
        mvc.perform(get("/v1/clusters").header("Authorization", "Bearer berth_unknown"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").value("unknown API token"));
    }

    @Test
    void lastUsedIsWrittenAtMostOnceAMinute() throws Exception {
        String name = unique("touch");
        secret(BEARER, name, "viewer", "[\"prod\"]");
        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofHours(1));
        store.touch(store.find(name).orElseThrow(), first);
        ApiToken touched = store.find(name).orElseThrow();
        assertThat(touched.lastUsedAt()).isEqualTo(first);

        store.touch(touched, first.plusSeconds(59));
        assertThat(store.find(name).orElseThrow().lastUsedAt()).as("within a minute: not written").isEqualTo(first);
        // Another process that read the row before the first touch is held back by the statement's own condition.
        store.touch(new ApiToken(name, "viewer", touched.clusters(), "admin", touched.createdAt(), null, null, null),
                first.plusSeconds(30));
        assertThat(store.find(name).orElseThrow().lastUsedAt()).isEqualTo(first);

        store.touch(touched, first.plusSeconds(60));
        assertThat(store.find(name).orElseThrow().lastUsedAt()).isEqualTo(first.plusSeconds(60));
    }
}
