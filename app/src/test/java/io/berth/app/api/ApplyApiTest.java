package io.berth.app.api;

import io.berth.db.model.ServiceEntity;
import io.berth.db.model.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ApplyApiTest extends ApiTestSupport {

    @Test
    void createsThenIsUnchangedThenRegistersRevisionTwo() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        String manifest = documents(taskDefinition(family, "nginx:1.27"), service(name, family, 2));

        applyYaml(manifest).andExpect(status().isOk())
                .andExpect(jsonPath("$.dryRun").value(false))
                .andExpect(jsonPath("$.documents", hasSize(2)))
                .andExpect(jsonPath("$.documents[0].kind").value("TaskDefinition"))
                .andExpect(jsonPath("$.documents[0].name").value(family))
                .andExpect(jsonPath("$.documents[0].result").value("created"))
                .andExpect(jsonPath("$.documents[0].revision").value(1))
                .andExpect(jsonPath("$.documents[0].cluster").doesNotExist())
                .andExpect(jsonPath("$.documents[1].kind").value("Service"))
                .andExpect(jsonPath("$.documents[1].cluster").value(CLUSTER))
                .andExpect(jsonPath("$.documents[1].result").value("created"))
                .andExpect(jsonPath("$.documents[1].taskDefinition").value(family + ":1"));
        ServiceEntity created = service(name);
        assertThat(created.getDesiredCount()).isEqualTo(2);
        assertThat(created.getGeneration()).isEqualTo(1);
        assertThat(triggered()).containsExactly(created.getId());

        clearEvents();
        applyYaml(manifest).andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].result").value("unchanged"))
                .andExpect(jsonPath("$.documents[0].revision").value(1))
                .andExpect(jsonPath("$.documents[1].result").value("unchanged"));
        assertThat(triggered()).isEmpty();
        assertThat(service(name).getVersion()).isEqualTo(created.getVersion());

        clearEvents();
        applyYaml(documents(taskDefinition(family, "nginx:1.28"), service(name, family, 2)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].result").value("configured"))
                .andExpect(jsonPath("$.documents[0].revision").value(2))
                .andExpect(jsonPath("$.documents[1].result").value("configured"))
                .andExpect(jsonPath("$.documents[1].taskDefinition").value(family + ":2"));
        ServiceEntity updated = service(name);
        assertThat(updated.getTaskRevision()).isEqualTo(2);
        assertThat(updated.getGeneration()).isEqualTo(2);
        assertThat(triggered()).containsExactly(created.getId());
        assertThat(taskDefinitions.findByFamilyOrderByRevisionAsc(family)).hasSize(2);
        assertThat(serviceEvents.findLatest(created.getId(), 50)).anySatisfy(e -> assertThat(e.getMessage())
                .contains("was updated: task definition " + family + ":1 -> " + family + ":2"));
    }

    @Test
    void serviceWithoutClusterGoesToTheDefaultCluster() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        String manifest = service(name, family, 0).replace("  cluster: " + CLUSTER + "\n", "");
        applyYaml(documents(taskDefinition(family, "nginx"), manifest))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[1].cluster").value("default"));
        assertThat(services.findByClusterAndName("default", name)).isPresent();
    }

    @Test
    void reApplyingAnOlderSpecRegistersANewRevision() throws Exception {
        String family = unique("web");
        applyYaml(taskDefinition(family, "img:a")).andExpect(jsonPath("$.documents[0].revision").value(1));
        applyYaml(taskDefinition(family, "img:b")).andExpect(jsonPath("$.documents[0].revision").value(2));
        applyYaml(taskDefinition(family, "img:a"))
                .andExpect(jsonPath("$.documents[0].result").value("configured"))
                .andExpect(jsonPath("$.documents[0].revision").value(3));
    }

    @Test
    void serviceMayUseAFamilyRegisteredLaterInTheSameRequest() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(service(name, family, 1), taskDefinition(family, "nginx")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].result").value("created"))
                .andExpect(jsonPath("$.documents[0].taskDefinition").value(family + ":1"))
                .andExpect(jsonPath("$.documents[1].result").value("created"));
    }

    @Test
    void pinnedRevisionStaysPinnedAndOnlyChangedServicesAreTriggered() throws Exception {
        String family = unique("web");
        String pinned = unique("pinned");
        String floating = unique("floating");
        applyYaml(taskDefinition(family, "img:1")).andExpect(status().isOk());
        applyYaml(documents(taskDefinition(family, "img:2"), service(pinned, family + ":1", 1),
                service(floating, family, 1)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[1].taskDefinition").value(family + ":1"))
                .andExpect(jsonPath("$.documents[2].taskDefinition").value(family + ":2"));

        clearEvents();
        // Revision 3 moves the floating service only; the pinned one is unchanged and not triggered.
        applyYaml(documents(taskDefinition(family, "img:3"), service(pinned, family + ":1", 1),
                service(floating, family, 1)))
                .andExpect(jsonPath("$.documents[1].result").value("unchanged"))
                .andExpect(jsonPath("$.documents[2].result").value("configured"))
                .andExpect(jsonPath("$.documents[2].taskDefinition").value(family + ":3"));
        assertThat(triggered()).containsExactly(service(floating).getId());

        clearEvents();
        applyYaml(service(pinned, family + ":1", 3))
                .andExpect(jsonPath("$.documents[0].result").value("configured"));
        assertThat(triggered()).containsExactly(service(pinned).getId());
        assertThat(service(pinned).getDesiredCount()).isEqualTo(3);
    }

    @Test
    void unknownReferencesAre422WithFieldPathsAndStoreNothing() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        String ghost = unique("ghost");
        String otherCluster = """
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %s, cluster: %s}
                spec: {taskDefinition: %s}
                """.formatted(name, unique("nocluster"), family);
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, ghost, 1), otherCluster,
                service(unique("svc"), family + ":7", 1)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.status").value(422))
                .andExpect(jsonPath("$.errors", hasSize(3)))
                .andExpect(jsonPath("$.errors[0].field").value("documents[1].spec.taskDefinition"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("\"" + ghost + "\" does not exist")))
                .andExpect(jsonPath("$.errors[1].field").value("documents[2].metadata.cluster"))
                .andExpect(jsonPath("$.errors[2].field").value("documents[3].spec.taskDefinition"))
                .andExpect(jsonPath("$.errors[2].message").value(containsString(family + ":7 does not exist")));
        assertThat(taskDefinitions.findByFamilyOrderByRevisionAsc(family)).isEmpty();
        assertThat(services.findByClusterAndName(CLUSTER, name)).isEmpty();
        assertThat(triggered()).isEmpty();
    }

    @Test
    void anInvalidDocumentStoresNothingOfTheOthers() throws Exception {
        String family = unique("web");
        String broken = """
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %s}
                spec: {taskDefinition: %s, desiredCount: -1}
                """.formatted(unique("svc"), family);
        applyYaml(documents(taskDefinition(family, "nginx"), broken))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("documents[1].spec.desiredCount"));
        assertThat(taskDefinitions.findByFamilyOrderByRevisionAsc(family)).isEmpty();
    }

    @Test
    void dryRunReportsAndStoresNothing() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 1)), true)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dryRun").value(true))
                .andExpect(jsonPath("$.documents[0].result").value("created"))
                .andExpect(jsonPath("$.documents[1].result").value("created"))
                .andExpect(jsonPath("$.documents[1].taskDefinition").value(family + ":1"));
        assertThat(taskDefinitions.findByFamilyOrderByRevisionAsc(family)).isEmpty();
        assertThat(services.findByClusterAndName(CLUSTER, name)).isEmpty();
        assertThat(triggered()).isEmpty();

        applyYaml(taskDefinition(family, "nginx")).andExpect(status().isOk());
        applyYaml(taskDefinition(family, "nginx:2"), true)
                .andExpect(jsonPath("$.documents[0].result").value("configured"))
                .andExpect(jsonPath("$.documents[0].revision").value(2));
        assertThat(taskDefinitions.findByFamilyOrderByRevisionAsc(family)).hasSize(1);
    }

    @Test
    void acceptsAJsonArray() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        String json = """
                [{"apiVersion": "berth/v1", "kind": "TaskDefinition", "metadata": {"name": "%s"},
                  "spec": {"containers": [{"name": "app", "image": "nginx", "memory": 32}]}},
                 {"apiVersion": "berth/v1", "kind": "Service",
                  "metadata": {"name": "%s", "cluster": "%s", "labels": {"team": "a"}},
                  "spec": {"taskDefinition": "%s", "desiredCount": 0}}]
                """.formatted(family, name, CLUSTER, family);
        mvc.perform(post("/v1/apply").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                        .content(json))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].result").value("created"))
                .andExpect(jsonPath("$.documents[1].result").value("created"));
        assertThat(service(name).getDesiredCount()).isZero();

        clearEvents();
        mvc.perform(post("/v1/apply").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                        .content(json.replace("\"team\": \"a\"", "\"team\": \"b\"")))
                .andExpect(jsonPath("$.documents[0].result").value("unchanged"))
                .andExpect(jsonPath("$.documents[1].result").value("configured"));
        assertThat(triggered()).hasSize(1);
    }

    @Test
    void bodyWithoutContentTypeIsYaml() throws Exception {
        mvc.perform(post("/v1/apply").header("Authorization", BEARER)
                        .content(taskDefinition(unique("web"), "nginx")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].result").value("created"));
    }

    @Test
    void malformedBodyIs400AndUnknownMediaTypeIs415() throws Exception {
        applyYaml("kind: [Service\n").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(containsString("invalid YAML")));
        mvc.perform(post("/v1/apply").header("Authorization", BEARER).contentType(MediaType.TEXT_HTML)
                        .content("<html/>"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.status").value(415));
        applyYaml("").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("documents"));
    }

    @Test
    void applyingAServiceThatIsBeingDeletedIs409() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 1))).andExpect(status().isOk());
        ServiceEntity entity = service(name);
        entity.setStatus(ServiceStatus.DRAINING);
        services.save(entity);

        applyYaml(service(name, family, 2))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.status").value(409))
                .andExpect(jsonPath("$.message").value(containsString("\"" + name + "\"")));
        assertThat(service(name).getDesiredCount()).isEqualTo(1);
    }

    @Test
    void needsTheToken() throws Exception {
        mvc.perform(post("/v1/apply").contentType(MediaType.parseMediaType("application/yaml"))
                        .content(taskDefinition(unique("web"), "nginx")))
                .andExpect(status().isUnauthorized());
    }
}
