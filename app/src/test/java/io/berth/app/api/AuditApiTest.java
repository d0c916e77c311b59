package io.berth.app.api;

import io.berth.app.audit.AuditRoute;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The audit trail through the real filter chain: every mutating endpoint (listed from Spring MVC's own mappings,
 * so that a new one cannot be left out) writes exactly one row naming who, what, where and the answer.
 */
class AuditApiTest extends ApiTestSupport {

    private static final Set<RequestMethod> MUTATING =
            Set.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)(:[^}]*)?}");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;
    @Autowired
    private JdbcTemplate jdbc;

    private record Endpoint(RequestMethod method, String pattern) {
    }

    private List<Endpoint> mutatingEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                if (MUTATING.contains(method)) {
                    info.getPatternValues().stream().filter(p -> p.startsWith("/v1/"))
                            .forEach(p -> endpoints.add(new Endpoint(method, p)));
                }
            }
        }
        return endpoints;
    }

    private List<Map<String, Object>> rows(String requestId) {
        return jdbc.queryForList("select * from audit_event where request_id = ?", requestId);
    }

    @Test
    void everyMutatingEndpointWritesExactlyOneRow() throws Exception {
        List<Endpoint> endpoints = mutatingEndpoints();
        // The API as of this test: a new endpoint adds to it, and is then checked like the others.
        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(17)
                .contains(new Endpoint(RequestMethod.POST, "/v1/apply"),
                        new Endpoint(RequestMethod.POST, "/v1/clusters/{cluster}/tasks/{id}/stop"),
                        new Endpoint(RequestMethod.PUT, "/v1/clusters/{cluster}/container-instances/{id}/status"));
        String cluster = unique("audit-none");
        for (Endpoint endpoint : endpoints) {
            String id = UUID.randomUUID().toString();
            String name = null;
            StringBuilder path = new StringBuilder();
            Matcher m = VARIABLE.matcher(endpoint.pattern());
            while (m.find()) {
                String value = switch (m.group(1)) {
                    case "cluster" -> cluster;
                    case "id" -> id;
                    case "revision" -> "1";
                    default -> "n-" + m.group(1);
                };
                m.appendReplacement(path, value);
            }
            m.appendTail(path);
            name = expectedName(endpoint.pattern(), path.toString());
            String requestId = "audit-" + UUID.randomUUID();
            boolean apply = endpoint.pattern().equals("/v1/apply");
            MockHttpServletResponse response = mvc.perform(request(HttpMethod.valueOf(endpoint.method().name()),
                            path.toString()).header("Authorization", BEARER).header("X-Request-Id", requestId)
                            .contentType(apply ? MediaType.APPLICATION_YAML : MediaType.APPLICATION_JSON)
                            .content(apply ? "kind: Nothing\n" : "{}"))
                    .andReturn().getResponse();

            List<Map<String, Object>> rows = rows(requestId);
            assertThat(rows).as("%s %s", endpoint.method(), endpoint.pattern()).hasSize(1);
            Map<String, Object> row = rows.getFirst();
            assertThat(response.getHeader("X-Request-Id")).isEqualTo(requestId);
            assertThat(row).as("%s %s", endpoint.method(), endpoint.pattern())
                    .containsEntry("verb", endpoint.method().name())
                    .containsEntry("resource", AuditRoute.displayPattern(endpoint.pattern()))
                    .containsEntry("caller", "admin")
                    .containsEntry("caller_source", "ADMIN_TOKEN")
                    .containsEntry("status", response.getStatus())
                    .containsEntry("remote_address", "127.0.0.1")
                    .containsEntry("cluster", endpoint.pattern().contains("{cluster}") ? cluster : null)
                    .containsEntry("name", name);
            assertThat(row.get("kind")).as("%s %s", endpoint.method(), endpoint.pattern()).isNotNull();
            assertThat(row.get("occurred_at")).isNotNull();
        }
    }

    @Test
    void anApplyNamesItsDocumentsAndTheBodysHashButNeverStoresTheBody() throws Exception {
        String family = unique("audited");
        String yaml = taskDefinition(family, "busybox:1.36").replace("memory: 64",
                "memory: 64\n      environment:\n        - {name: PASSWORD, value: hunter2-secret}");
        String requestId = "apply-" + UUID.randomUUID();

        mvc.perform(post("/v1/apply").header("Authorization", BEARER).header("X-Request-Id", requestId)
                        .contentType(MediaType.parseMediaType("application/yaml")).content(yaml))
                .andExpect(status().isOk());

        Map<String, Object> row = rows(requestId).getFirst();
        assertThat(row).containsEntry("documents", "TaskDefinition/" + family)
                .containsEntry("body_sha256", sha256(yaml)).containsEntry("kind", "apply")
                .containsEntry("resource", "/v1/apply").containsEntry("status", 200);
        assertThat(row.values()).noneMatch(v -> String.valueOf(v).contains("hunter2"));
    }

    @Test
    void anApplyCarryingASecretIsRecordedByItsDocumentsWithoutAHashToTestGuessesAgainst() throws Exception {
        String name = unique("audited-secret");
        String yaml = """
                apiVersion: berth/v1
                kind: Secret
                metadata: {name: %s}
                stringData: {password: hunter2}
                """.formatted(name);
        String requestId = "apply-" + UUID.randomUUID();

        mvc.perform(post("/v1/apply").header("Authorization", BEARER).header("X-Request-Id", requestId)
                        .contentType(MediaType.parseMediaType("application/yaml")).content(yaml))
                .andExpect(status().isOk());

        Map<String, Object> row = rows(requestId).getFirst();
        assertThat(row).containsEntry("documents", "Secret/" + name).containsEntry("body_sha256", null);
        assertThat(row.values()).noneMatch(v -> String.valueOf(v).contains("hunter2"));
    }

    @Test
    void aRefusedCallerIsRecordedAsAnonymousAndItsBodyIsNotRead() throws Exception {
        String requestId = "anon-" + UUID.randomUUID();
        mvc.perform(delete("/v1/clusters/{c}/services/{n}", CLUSTER, "web").header("X-Request-Id", requestId)
                        .header("Authorization", "Bearer wrong"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("X-Request-Id", requestId));
        String postId = "anon-" + UUID.randomUUID();
        mvc.perform(post("/v1/credentials").header("X-Request-Id", postId)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\"}"))
                .andExpect(status().isUnauthorized());

        assertThat(rows(requestId).getFirst()).containsEntry("caller", AuditNames.ANONYMOUS)
                .containsEntry("caller_source", null).containsEntry("status", 401)
                .containsEntry("resource", "/v1/clusters/{cluster}/services/{name}")
                .containsEntry("kind", "services").containsEntry("cluster", CLUSTER).containsEntry("name", "web");
        assertThat(rows(postId).getFirst()).containsEntry("caller", AuditNames.ANONYMOUS)
                .containsEntry("body_sha256", null).containsEntry("resource", "/v1/credentials");
    }

    @Test
    void aBodyRefusedAsTooLargeIsRecordedUnhashed() throws Exception {
        String requestId = "large-" + UUID.randomUUID();
        mvc.perform(post("/v1/apply").header("Authorization", BEARER).header("X-Request-Id", requestId)
                        .contentType(MediaType.APPLICATION_YAML).content(new byte[4 * 1024 * 1024 + 1]))
                .andExpect(status().isContentTooLarge());

        // Refused by the body limit before authentication ran: who sent it is not established.
        assertThat(rows(requestId)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("status", 413).containsEntry("body_sha256", null).containsEntry("kind", "apply")
                .containsEntry("caller", AuditNames.ANONYMOUS));
    }

    @Test
    void readsAreNotRecordedButFollowedLogStreamsAre() throws Exception {
        String readId = "read-" + UUID.randomUUID();
        mvc.perform(get("/v1/clusters/{c}/services", CLUSTER).header("Authorization", BEARER).header("X-Request-Id", readId))
                .andExpect(status().isOk());
        String streamId = "stream-" + UUID.randomUUID();
        String task = UUID.randomUUID().toString();
        mvc.perform(get("/v1/clusters/{c}/tasks/{t}/containers/app/logs", CLUSTER, task).param("follow", "true")
                .header("Authorization", BEARER).header("X-Request-Id", streamId));

        assertThat(rows(readId)).isEmpty();
        assertThat(rows(streamId)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("verb", "stream").containsEntry("kind", "tasks").containsEntry("name", task)
                .containsEntry("subresource", "containers/app/logs"));
    }

    @Test
    void aClientWithoutARequestIdGetsOne() throws Exception {
        String id = mvc.perform(delete("/v1/credentials/{n}", unique("none")).header("Authorization", BEARER))
                .andExpect(status().isNotFound()).andReturn().getResponse().getHeader("X-Request-Id");

        assertThat(id).isNotBlank();
        assertThat(rows(id)).singleElement().satisfies(row -> assertThat(row).containsEntry("status", 404));
    }

    @Test
    void theTrailIsListedNewestFirstInPages() throws Exception {
        String cluster = unique("audit-list");
        for (int i = 0; i < 3; i++) {
            mvc.perform(delete("/v1/clusters/{c}/services/{n}", cluster, "svc-" + i).header("Authorization", BEARER));
        }

        String next = mvc.perform(get("/v1/audit").param("cluster", cluster).param("limit", "2")
                        .header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].name").value("svc-2"))
                .andExpect(jsonPath("$[1].name").value("svc-1"))
                .andExpect(jsonPath("$[0].user").value("admin"))
                .andExpect(jsonPath("$[0].verb").value("DELETE"))
                .andExpect(jsonPath("$[0].resource").value("/v1/clusters/{cluster}/services/{name}"))
                .andReturn().getResponse().getHeader("Berth-Continue");
        assertThat(next).isNotBlank();
        mvc.perform(get("/v1/audit").param("cluster", cluster).param("limit", "2").param("continue", next)
                        .header("Authorization", BEARER))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].name").value("svc-0"))
                .andExpect(header().doesNotExist("Berth-Continue"));
        mvc.perform(get("/v1/audit").param("cluster", cluster).param("who", "admin").param("resource", "services")
                        .param("since", "1h").header("Authorization", BEARER))
                .andExpect(jsonPath("$.length()").value(3));
        mvc.perform(get("/v1/audit").param("cluster", cluster).param("who", "someone-else")
                        .header("Authorization", BEARER))
                .andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get("/v1/audit").param("since", "yesterday").header("Authorization", BEARER))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("since")));
    }

    /** The item a route names: the segment right after its kind ({@code services/{name}}), if that is a variable. */
    private static String expectedName(String pattern, String path) {
        String[] p = pattern.substring("/v1/".length()).split("/");
        String[] v = path.substring("/v1/".length()).split("/");
        int kind = p.length >= 2 && p[0].equals("clusters") && p[1].equals("{cluster}") ? 2 : 0;
        if (kind == 2 && p.length == 2) {
            return v[1];
        }
        return kind + 1 < p.length && p[kind + 1].startsWith("{") ? v[kind + 1] : null;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static final class AuditNames {
        static final String ANONYMOUS = io.berth.app.audit.AuditEvent.ANONYMOUS;
    }
}
