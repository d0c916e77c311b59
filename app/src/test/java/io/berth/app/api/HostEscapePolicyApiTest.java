package io.berth.app.api;

import io.berth.db.model.ClusterEntity;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The ways out of a container beyond privileged mode and host.sourcePath: refused at apply and at run-task, each
 * naming the field and the policy setting, until the cluster's policy allows them.
 */
class HostEscapePolicyApiTest extends ApiTestSupport {

    private String newCluster() {
        String cluster = unique("esc");
        clusters.save(new ClusterEntity(cluster));
        return cluster;
    }

    private static String definition(String family, String image, String containerExtra, String specExtra) {
        return """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %s}
                spec:
                  containers:
                    - name: app
                      image: %s
                      memory: 64
                %s
                %s
                """.formatted(family, image, containerExtra.indent(6).stripTrailing(), specExtra.indent(2).stripTrailing());
    }

    private org.springframework.test.web.servlet.ResultActions putPolicy(String cluster, String json) throws Exception {
        return mvc.perform(put("/v1/clusters/{c}/policy", cluster).header("Authorization", BEARER)
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    @Test
    void aBindMountThroughVolumeDriverOptionsIsRefusedUnderTheDefaultPolicy() throws Exception {
        String cluster = newCluster();
        String family = unique("rootfs");
        String manifest = documents(definition(family, "busybox:1.36",
                "mountPoints: [{sourceVolume: host, containerPath: /host}]", """
                volumes:
                  - name: host
                    dockerVolumeConfiguration:
                      scope: task
                      driver: local
                      driverOpts: {type: none, o: bind, device: /}
                """), serviceIn(cluster, unique("svc"), family));

        applyYaml(manifest).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("volumes[0].dockerVolumeConfiguration.driverOpts.device: "
                        + "volume driver option device=/ (a bind mount of a host path) is not allowed by the policy of "
                        + "cluster \\\"" + cluster + "\\\" (allowHostPaths is false)")));

        putPolicy(cluster, "{\"allowHostPaths\":true}").andExpect(status().isOk());
        applyYaml(manifest).andExpect(status().isOk());
    }

    @Test
    void driversLowPortsRootAndRegistriesAreRefusedNamingFieldAndSetting() throws Exception {
        String cluster = newCluster();
        putPolicy(cluster, "{\"allowRootUser\":false,\"allowedRegistries\":[\"registry.example:5000\"]}")
                .andExpect(status().isOk());
        String family = unique("escape");
        String manifest = documents(definition(family, "busybox:1.36",
                "portMappings: [{containerPort: 8080, hostPort: 80}]", """
                volumes:
                  - name: ebs
                    dockerVolumeConfiguration: {scope: task, driver: rexray/ebs}
                """), serviceIn(cluster, unique("svc"), family));

        applyYaml(manifest).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("volumes[0].dockerVolumeConfiguration.driver: volume driver "
                        + "\\\"rexray/ebs\\\" is not allowed")))
                .andExpect(content().string(containsString("(allowedVolumeDrivers: [local])")))
                .andExpect(content().string(containsString("containers[0].portMappings[0].hostPort: host port 80/tcp")))
                .andExpect(content().string(containsString("(allowLowHostPorts is false)")))
                .andExpect(content().string(containsString("containers[0].user: the image's default user")))
                .andExpect(content().string(containsString("(allowRootUser is false)")))
                .andExpect(content().string(containsString("containers[0].image: image busybox:1.36 from registry "
                        + "docker.io is not allowed")))
                .andExpect(content().string(containsString("(allowedRegistries: [registry.example:5000])")));
    }

    @Test
    void unconfinedSecurityOptionsAreRefusedUntilAllowedAndReachTheDefinition() throws Exception {
        String cluster = newCluster();
        String family = unique("unconfined");
        String manifest = documents(definition(family, "busybox:1.36",
                "dockerSecurityOptions: [no-new-privileges, \"seccomp:unconfined\"]", ""),
                serviceIn(cluster, unique("svc"), family));

        applyYaml(manifest).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("containers[0].dockerSecurityOptions[1]: security option "
                        + "seccomp:unconfined (no seccomp confinement) is not allowed by the policy of cluster \\\""
                        + cluster + "\\\" (allowUnconfined is false)")));
        applyYaml(documents(definition(unique("badopt"), "busybox:1.36", "dockerSecurityOptions: [\"root:yes\"]",
                ""))).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("dockerSecurityOptions[0]")));

        putPolicy(cluster, "{\"allowUnconfined\":true}").andExpect(status().isOk())
                .andExpect(jsonPath("$.allowUnconfined").value(true));
        applyYaml(manifest).andExpect(status().isOk());
        mvc.perform(get("/v1/task-definitions/{f}:1", family).header("Authorization", BEARER))
                .andExpect(jsonPath("$.spec.containers[0].dockerSecurityOptions",
                        contains("no-new-privileges", "seccomp:unconfined")));
    }

    @Test
    void policyShowsEveryFieldWithItsDefaultAndNamesABadElement() throws Exception {
        String cluster = newCluster();
        mvc.perform(get("/v1/clusters/{c}/policy", cluster).header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.allowHostPaths").value(false))
                .andExpect(jsonPath("$.allowedVolumeDrivers", contains("local")))
                .andExpect(jsonPath("$.allowLowHostPorts").value(false))
                .andExpect(jsonPath("$.allowRootUser").value(true))
                .andExpect(jsonPath("$.allowedRegistries").isEmpty())
                .andExpect(jsonPath("$.allowUnconfined").value(false));

        putPolicy(cluster, "{\"allowedVolumeDrivers\":[\"local\",\"rexray/ebs\"],\"allowLowHostPorts\":true,"
                + "\"allowRootUser\":false,\"allowedRegistries\":[\"GHCR.io\",\"index.docker.io\"]}")
                .andExpect(status().isOk());
        mvc.perform(get("/v1/clusters/{c}/policy", cluster).header("Authorization", BEARER))
                .andExpect(jsonPath("$.allowedVolumeDrivers", contains("local", "rexray/ebs")))
                .andExpect(jsonPath("$.allowLowHostPorts").value(true))
                .andExpect(jsonPath("$.allowRootUser").value(false))
                .andExpect(jsonPath("$.allowedRegistries", contains("docker.io", "ghcr.io")));

        putPolicy(cluster, "{\"allowedRegistries\":[\"docker.io\",\"https://evil/\"]}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("allowedRegistries[1]"));
        putPolicy(cluster, "{\"allowedVolumeDrivers\":[\"\"]}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("allowedVolumeDrivers[0]"));
    }

    @Test
    void runTaskChecksThePolicyOfTheClusterItRunsIn() throws Exception {
        String family = unique("asroot");
        applyYaml(definition(family, "busybox:1.36", "command: [sleep, \"1\"]", "")).andExpect(status().isOk());
        String strict = newCluster();
        putPolicy(strict, "{\"allowRootUser\":false}").andExpect(status().isOk());

        mvc.perform(post("/v1/clusters/{c}/tasks", strict).header("Authorization", BEARER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"taskDefinition\":\"" + family + "\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("taskDefinition"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString(family + ":1: containers[0].user: "
                        + "the image's default user")))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("(allowRootUser is false)")));
    }
}
