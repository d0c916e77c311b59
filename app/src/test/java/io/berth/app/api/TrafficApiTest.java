package io.berth.app.api;

import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.db.repository.TrafficResourceRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Target groups and load balancers through POST /v1/apply: stored, re-applied unchanged, read back, deleted; every
 * broken reference a 422 naming its field with nothing stored; a target group in use cannot be deleted.
 */
class TrafficApiTest extends ApiTestSupport {

    @Autowired
    TrafficResourceRepository traffic;
    @Autowired
    ContainerInstanceRepository instances;

    private String cluster;
    private String family;

    @BeforeEach
    void cluster() {
        cluster = unique("traffic");
        family = unique("web");
        clusters.save(new io.berth.db.model.ClusterEntity(cluster));
    }

    private String targetGroup(String name, String protocol) {
        return """
                apiVersion: berth/v1
                kind: TargetGroup
                metadata: {name: %s, cluster: %s}
                spec:
                  protocol: %s
                  healthCheck: {interval: 5s, timeout: 2s, healthyThreshold: 2, unhealthyThreshold: 2}
                  deregistrationDelay: 30s
                """.formatted(name, cluster, protocol);
    }

    private String loadBalancer(String name, int port, String defaultGroup, String rules) {
        return """
                apiVersion: berth/v1
                kind: LoadBalancer
                metadata: {name: %s, cluster: %s}
                spec:
                  listeners:
                    - {port: %d, defaultTargetGroup: %s, rules: %s}
                """.formatted(name, cluster, port, defaultGroup, rules);
    }

    private String serviceWith(String name, String loadBalancers) {
        return """
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %s, cluster: %s}
                spec:
                  taskDefinition: %s
                  desiredCount: 0
                  loadBalancers: %s
                """.formatted(name, cluster, family, loadBalancers);
    }

    private String all() {
        return documents(taskDefinition(family, "busybox:1.36"), targetGroup("auth", "HTTP"),
                targetGroup("random", "HTTP"),
                loadBalancer("edge", 8080, "auth", "[{pathPrefix: /random/, targetGroup: random}]"),
                serviceWith("auth", "[{targetGroup: auth, containerName: app, containerPort: 80}]"));
    }

    @Test
    void appliesReadsAndDeletes() throws Exception {
        applyYaml(all(), true).andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[1].kind").value("TargetGroup"))
                .andExpect(jsonPath("$.documents[1].result").value("created"))
                .andExpect(jsonPath("$.documents[3].kind").value("LoadBalancer"));
        assertThat(traffic.findByClusterAndKind(cluster, io.berth.db.model.TrafficKind.TARGET_GROUP)).as("dry run")
                .isEmpty();

        applyYaml(all()).andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[1].result").value("created"))
                .andExpect(jsonPath("$.documents[3].result").value("created"))
                .andExpect(jsonPath("$.documents[4].result").value("created"));
        applyYaml(all()).andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[1].result").value("unchanged"))
                .andExpect(jsonPath("$.documents[3].result").value("unchanged"))
                .andExpect(jsonPath("$.documents[4].result").value("unchanged"));
        applyYaml(loadBalancer("edge", 8080, "random", "[]")).andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].result").value("configured"));

        mvc.perform(get("/v1/clusters/{c}/target-groups", cluster).param("limit", "1").header("Authorization", BEARER))
                .andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].name").value("auth"))
                .andExpect(header().exists("Berth-Continue"));
        mvc.perform(get("/v1/clusters/{c}/target-groups/auth", cluster).header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.protocol").value("HTTP"))
                .andExpect(jsonPath("$.healthCheck.path").value("/"))
                .andExpect(jsonPath("$.healthCheck.port").value("traffic-port"))
                .andExpect(jsonPath("$.healthCheck.interval").value("5s"))
                .andExpect(jsonPath("$.healthCheck.matcher").value("200"))
                .andExpect(jsonPath("$.deregistrationDelay").value("30s"));
        // No task of the service runs (the cluster has no instance): no targets, and an unknown group is a 404.
        mvc.perform(get("/v1/clusters/{c}/target-groups/auth/targets", cluster).header("Authorization", BEARER))
                .andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(0)));
        mvc.perform(get("/v1/clusters/{c}/target-groups/nope/targets", cluster).header("Authorization", BEARER))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message", containsString("target group \"nope\" not found")));
        mvc.perform(get("/v1/clusters/{c}/load-balancers/edge", cluster).header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.listeners[0].port").value(8080))
                .andExpect(jsonPath("$.listeners[0].defaultTargetGroup").value("random"));
        mvc.perform(get("/v1/clusters/{c}/services/auth", cluster).header("Authorization", BEARER))
                .andExpect(status().isOk());

        // In use by the load balancer (random) and by the service (auth): ELBv2's ResourceInUse.
        mvc.perform(delete("/v1/clusters/{c}/target-groups/random", cluster).header("Authorization", BEARER))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.message", containsString("load balancer \"edge\"")));
        mvc.perform(delete("/v1/clusters/{c}/target-groups/auth", cluster).header("Authorization", BEARER))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.message", containsString("service \"auth\"")));
        mvc.perform(delete("/v1/clusters/{c}/load-balancers/edge", cluster).header("Authorization", BEARER))
                .andExpect(status().isNoContent());
        mvc.perform(delete("/v1/clusters/{c}/target-groups/random", cluster).header("Authorization", BEARER))
                .andExpect(status().isNoContent());
        mvc.perform(get("/v1/clusters/{c}/target-groups/random", cluster).header("Authorization", BEARER))
                .andExpect(status().isNotFound());
        mvc.perform(get("/v1/clusters/{c}/load-balancers", cluster).header("Authorization", BEARER))
                .andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(0)));
    }

    private void refused(String yaml, String field, String message) throws Exception {
        applyYaml(yaml).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].message", containsString(message)));
        assertThat(traffic.findByClusterAndKind(cluster, io.berth.db.model.TrafficKind.TARGET_GROUP)).isEmpty();
        assertThat(traffic.findByClusterAndKind(cluster, io.berth.db.model.TrafficKind.LOAD_BALANCER)).isEmpty();
    }

    @Test
    void brokenReferencesAreRefusedNamingTheField() throws Exception {
        String td = taskDefinition(family, "busybox:1.36");
        refused(documents(targetGroup("a", "HTTP"), loadBalancer("lb", 8080, "a", "[{pathPrefix: /x, targetGroup: b}]")),
                "documents[1].spec.listeners[0].rules[0].targetGroup", "target group \"b\" does not exist");
        refused(documents(targetGroup("a", "TCP"), loadBalancer("lb", 8080, "a", "[]")),
                "documents[1].spec.listeners[0].defaultTargetGroup", "is TCP; a HTTP listener needs a HTTP target group");
        refused(documents(td, targetGroup("a", "HTTP"),
                        serviceWith("s", "[{targetGroup: a, containerName: nope, containerPort: 80}]")),
                "documents[2].spec.loadBalancers[0].containerName", "no container named \"nope\"");
        refused(documents(td, targetGroup("a", "HTTP"),
                        serviceWith("s", "[{targetGroup: a, containerName: app, containerPort: 81}]")),
                "documents[2].spec.loadBalancers[0].containerPort", "maps no containerPort 81");
        refused(documents(td, serviceWith("s", "[{targetGroupArn: 'arn:aws:elasticloadbalancing:r:1:targetgroup/gone/ab12', "
                        + "containerName: app, containerPort: 80}]")),
                "documents[1].spec.loadBalancers[0].targetGroup", "target group \"gone\" does not exist");
        refused(documents(targetGroup("a", "HTTP"), loadBalancer("lb", 80, "a", "[]")),
                "documents[1].spec.listeners[0].port", "allowLowHostPorts");
        refused(documents(targetGroup("a", "HTTP"), loadBalancer("lb1", 9000, "a", "[]"),
                        loadBalancer("lb2", 9000, "a", "[]")),
                "documents[1].spec.listeners", "also a listener port of load balancer \"lb2\"");
        assertThat(services.findByClusterAndName(cluster, "s")).isEmpty();
    }

    @Test
    void listenerPortsHostsKeepOrTasksHoldAreRefused() throws Exception {
        ContainerInstanceEntity host = new ContainerInstanceEntity(cluster, "tcp://198.18.0.252:2376", 2048, 1024);
        host.setConnected(true);
        instances.save(host);
        refused(documents(targetGroup("a", "HTTP"), loadBalancer("lb", 2375, "a", "[]")),
                "documents[1].spec.listeners[0].port", "reserved by container instance");

        applyYaml("""
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %s}
                spec:
                  containers:
                    - {name: main, image: busybox:1.36, memory: 32, command: [sleep, "3600"], portMappings: [{containerPort: 8080, hostPort: 8443}]}
                """.formatted(family)).andExpect(status().isOk());
        mvc.perform(post("/v1/clusters/{c}/tasks", cluster).header("Authorization", BEARER)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"taskDefinition\": \"%s\", \"count\": 1}".formatted(family)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.tasks", hasSize(1)));
        refused(documents(targetGroup("a", "HTTP"), loadBalancer("lb", 8443, "a", "[]")),
                "documents[1].spec.listeners[0].port", "held by task");
    }

    @Test
    void lowListenerPortsFollowThePolicy() throws Exception {
        mvc.perform(put("/v1/clusters/{c}/policy", cluster).header("Authorization", BEARER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"allowLowHostPorts\":true}"))
                .andExpect(status().isOk());
        applyYaml(documents(targetGroup("a", "HTTP"), loadBalancer("lb", 80, "a", "[]"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[1].result").value("created"));
    }
}
