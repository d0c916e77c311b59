package io.berth.app.api;

import io.berth.db.model.ClusterEntity;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Registry credentials (the password never comes back) and cluster policies, enforced when a service is applied. */
class PolicyAndCredentialsApiTest extends ApiTestSupport {

    private static String privilegedTaskDefinition(String family, String credential) {
        return """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %s}
                spec:
                  containers:
                    - name: app
                      image: busybox:1.36
                      privileged: true
                      linuxParameters: {capabilities: {add: [NET_ADMIN]}}
                      repositoryCredentials: {credentialsParameter: %s}
                """.formatted(family, credential);
    }

    @Test
    void credentialIsStoredAndNeverEchoed() throws Exception {
        String name = unique("reg");
        String body = "{\"name\":\"%s\",\"serverAddress\":\"registry.example:5000\",\"username\":\"bot\",\"password\":\"hunter2\"}"
                .formatted(name);
        mvc.perform(post("/v1/credentials").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value(name))
                .andExpect(jsonPath("$.username").value("bot"))
                .andExpect(content().string(not(containsString("hunter2"))))
                .andExpect(content().string(not(containsString("password"))));
        mvc.perform(post("/v1/credentials").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                        .content(body.replace("hunter2", "hunter3")))
                .andExpect(status().isOk());
        mvc.perform(get("/v1/credentials").header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name", hasItem(name)))
                .andExpect(content().string(not(containsString("hunter"))));
        mvc.perform(get("/v1/credentials/{n}", name).header("Authorization", BEARER))
                .andExpect(jsonPath("$.serverAddress").value("registry.example:5000"))
                .andExpect(content().string(not(containsString("hunter"))));
        mvc.perform(post("/v1/credentials").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"x\",\"username\":\"bot\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("password"));
        mvc.perform(delete("/v1/credentials/{n}", name).header("Authorization", BEARER)).andExpect(status().isNoContent());
        mvc.perform(get("/v1/credentials/{n}", name).header("Authorization", BEARER)).andExpect(status().isNotFound());
    }

    @Test
    void serviceIsRefusedUntilThePolicyAllowsItAndTheCredentialExists() throws Exception {
        String cluster = unique("pol");
        clusters.save(new ClusterEntity(cluster));
        String family = unique("priv");
        String credential = unique("reg");
        String manifest = documents(privilegedTaskDefinition(family, credential), serviceIn(cluster, unique("svc"), family));

        mvc.perform(get("/v1/clusters/{c}/policy", cluster).header("Authorization", BEARER))
                .andExpect(jsonPath("$.allowPrivileged").value(false))
                .andExpect(jsonPath("$.allowedCapabilities").isEmpty());
        applyYaml(manifest).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("containers[0].privileged: privileged mode is not allowed "
                        + "by the policy of cluster \\\"" + cluster + "\\\" (allowPrivileged is false)")))
                .andExpect(content().string(containsString("capability NET_ADMIN is not allowed")))
                .andExpect(content().string(containsString("no stored credential named \\\"" + credential + "\\\"")));
        mvc.perform(get("/v1/task-definitions/{f}", family).header("Authorization", BEARER))
                .andExpect(status().isNotFound()); // nothing stored for a refused apply

        mvc.perform(put("/v1/clusters/{c}/policy", cluster).header("Authorization", BEARER)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"allowPrivileged\":true,\"allowedCapabilities\":[\"cap_net_admin\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.allowedCapabilities[0]").value("NET_ADMIN"))
                .andExpect(jsonPath("$.allowHostNetwork").value(false));
        mvc.perform(put("/v1/clusters/{c}/policy", cluster).header("Authorization", BEARER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"allowedCapabilities\":[\"FLY\"]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("allowedCapabilities[0]"));
        mvc.perform(post("/v1/credentials").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"%s\",\"username\":\"u\",\"password\":\"p\"}".formatted(credential)))
                .andExpect(status().isCreated());

        applyYaml(manifest).andExpect(status().isOk());
        mvc.perform(get("/v1/task-definitions/{f}:1", family).header("Authorization", BEARER))
                .andExpect(jsonPath("$.spec.containers[0].privileged").value(true))
                .andExpect(jsonPath("$.spec.containers[0].repositoryCredentials.credentialsParameter").value(credential));
    }

    @Test
    void aCredentialForAnotherRegistryIsRefusedAtApplyNamingTheField() throws Exception {
        String cluster = unique("reg");
        clusters.save(new ClusterEntity(cluster));
        String credential = unique("reg");
        mvc.perform(post("/v1/credentials").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"%s\",\"serverAddress\":\"https://registry.example:5000/v2/\",\"username\":\"u\",\"password\":\"p\"}"
                        .formatted(credential)))
                .andExpect(status().isCreated());
        String family = unique("other");
        String onHub = """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %s}
                spec:
                  containers:
                    - name: app
                      image: busybox:1.36
                      repositoryCredentials: {credentialsParameter: %s}
                """.formatted(family, credential);
        applyYaml(documents(onHub, serviceIn(cluster, unique("svc"), family)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("containers[0].repositoryCredentials.credentialsParameter: "
                        + "credential \\\"" + credential + "\\\" is for registry registry.example:5000, the image busybox:1.36 is on docker.io")));
        mvc.perform(get("/v1/task-definitions/{f}", family).header("Authorization", BEARER))
                .andExpect(status().isNotFound());

        applyYaml(documents(onHub.replace("image: busybox:1.36", "image: registry.example:5000/team/app:1"),
                serviceIn(cluster, unique("svc"), family)))
                .andExpect(status().isOk());
    }
}
