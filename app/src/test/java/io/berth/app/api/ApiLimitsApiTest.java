package io.berth.app.api;

import io.berth.app.web.ApiLimits;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** berth.api.*: body size, documents per apply and the caps on waits and log follows, at their defaults. */
class ApiLimitsApiTest extends ApiTestSupport {

    @Autowired
    private ApiLimits api;
    @Autowired
    private ConcurrencyCaps caps;

    @Test
    void aYamlBodyPastTheCapIs413AndStoresNothing() throws Exception {
        String family = unique("big");
        String body = taskDefinition(family, "nginx") + "\n# " + "x".repeat((int) api.maxBodySize().toBytes()) + "\n";

        mvc.perform(post("/v1/apply").header("Authorization", BEARER).contentType("application/yaml").content(body))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.status").value(413))
                .andExpect(jsonPath("$.message").value(containsString("berth.api.max-body-size")));
        mvc.perform(get("/v1/task-definitions/" + family).header("Authorization", BEARER))
                .andExpect(status().isNotFound());
    }

    @Test
    void aJsonBodyPastTheCapIs413AndStoresNothing() throws Exception {
        String family = unique("big");
        String body = "{\"kind\":\"TaskDefinition\",\"metadata\":{\"name\":\"" + family + "\"},\"padding\":\""
                + "x".repeat((int) api.maxBodySize().toBytes()) + "\"}";

        mvc.perform(post("/v1/apply").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.message").value(containsString("berth.api.max-body-size")));
        mvc.perform(post("/v1/clusters/" + CLUSTER + "/tasks").header("Authorization", BEARER)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isContentTooLarge());
        mvc.perform(get("/v1/task-definitions/" + family).header("Authorization", BEARER))
                .andExpect(status().isNotFound());
    }

    @Test
    void moreDocumentsThanTheCapAre422NamingDocuments() throws Exception {
        List<String> documents = new ArrayList<>();
        String prefix = unique("many");
        for (int i = 0; i <= api.maxDocuments(); i++) {
            documents.add(taskDefinition(prefix + "-" + i, "nginx"));
        }

        applyYaml(documents(documents.toArray(String[]::new)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("documents"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("at most " + api.maxDocuments())));
        mvc.perform(get("/v1/task-definitions/" + prefix + "-0").header("Authorization", BEARER))
                .andExpect(status().isNotFound());
    }

    @Test
    void aWaitPastTheCapIs429WithRetryAfterAndChangesNothing() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        List<ConcurrencyCaps.Permit> held = new ArrayList<>();
        try {
            for (int i = 0; i < api.maxConcurrentWaits(); i++) {
                held.add(caps.waiting());
            }
            mvc.perform(post("/v1/apply").param("wait", "true").header("Authorization", BEARER)
                            .contentType("application/yaml")
                            .content(documents(taskDefinition(family, "nginx"), service(name, family, 1))))
                    .andExpect(status().isTooManyRequests())
                    .andExpect(header().exists("Retry-After"))
                    .andExpect(jsonPath("$.message").value(containsString("berth.api.max-concurrent-waits")));
            mvc.perform(get("/v1/task-definitions/" + family).header("Authorization", BEARER))
                    .andExpect(status().isNotFound());

            applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 0))).andExpect(status().isOk());
            mvc.perform(delete("/v1/clusters/" + CLUSTER + "/services/" + name).param("wait", "true")
                            .header("Authorization", BEARER))
                    .andExpect(status().isTooManyRequests())
                    .andExpect(header().exists("Retry-After"));
            mvc.perform(get("/v1/clusters/" + CLUSTER + "/services/" + name).header("Authorization", BEARER))
                    .andExpect(jsonPath("$.status").value("ACTIVE"));
        } finally {
            held.forEach(ConcurrencyCaps.Permit::close);
        }
    }

    @Test
    void aParameterOfTheWrongTypeIs400NamingIt() throws Exception {
        String logs = "/v1/clusters/" + CLUSTER + "/tasks/" + UUID.randomUUID() + "/containers/app/logs";
        mvc.perform(get(logs).param("tail", "abc").header("Authorization", BEARER))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(containsString("tail must be a whole number, got \"abc\"")));
        mvc.perform(post("/v1/apply").param("wait", "maybe").header("Authorization", BEARER)
                        .contentType("application/yaml").content(taskDefinition(unique("web"), "nginx")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(containsString("wait must be true or false")));
    }

    @Test
    void aLogFollowPastTheCapIs429() throws Exception {
        String path = "/v1/clusters/" + CLUSTER + "/tasks/" + UUID.randomUUID() + "/containers/app/logs";
        List<ConcurrencyCaps.Permit> held = new ArrayList<>();
        try {
            for (int i = 0; i < api.maxConcurrentLogFollows(); i++) {
                held.add(caps.following());
            }
            mvc.perform(get(path).param("follow", "true").header("Authorization", BEARER))
                    .andExpect(status().isTooManyRequests())
                    .andExpect(header().exists("Retry-After"))
                    .andExpect(jsonPath("$.message").value(containsString("berth.api.max-concurrent-log-follows")));
            // Reading without follow is not capped.
            mvc.perform(get(path).header("Authorization", BEARER)).andExpect(status().isNotFound());
        } finally {
            held.forEach(ConcurrencyCaps.Permit::close);
        }
        // A refused or failed follow gives its permit back.
        mvc.perform(get(path).param("follow", "true").header("Authorization", BEARER))
                .andExpect(status().isNotFound());
        List<ConcurrencyCaps.Permit> again = new ArrayList<>();
        for (int i = 0; i < api.maxConcurrentLogFollows(); i++) {
            again.add(caps.following()); // all there again: the failed follow above released its permit
        }
        again.forEach(ConcurrencyCaps.Permit::close);
    }
}
