package io.berth.app.api;

import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.InstanceStatus;
import io.berth.db.model.LastStatus;
import io.berth.db.model.TaskEntity;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.docker.FakeDockerEngine;
import io.berth.docker.SpecBuilder;
import io.berth.reconciler.hosts.EngineRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A followed log holds one of berth.api.max-concurrent-log-follows permits until it ends — however it ends. Following
 * a stopped task's container (its output is kept for stopped-task-retention) ends at once: the engine sends what there
 * is and closes the stream before the response is even handed to the server. Such a follow used to keep its permit
 * for good, so that after max-concurrent-log-follows of them every follow was refused with 429.
 */
class LogFollowPermitTest extends ApiTestSupport {

    @LocalServerPort
    private int port;
    @Autowired
    private ContainerInstanceRepository instances;
    @Autowired
    private EngineRegistry engines;
    @Autowired
    private ConcurrencyCaps caps;

    private UUID instanceId;

    @AfterEach
    void unregister() {
        if (instanceId != null) {
            engines.unregister(instanceId);
        }
    }

    @Test
    void followingAStoppedContainerEndsAndGivesItsPermitBack() throws Exception {
        String family = unique("follow");
        applyYaml(taskDefinition(family, "busybox:1.36")).andReturn();
        FakeDockerEngine engine = new FakeDockerEngine("follow-permits");
        String container = engine.create(SpecBuilder.image("busybox:1.36").name("follow-permits-app").build());
        engine.start(container);
        engine.writeOutput(container, false, "done");
        engine.kill(container, 0);
        ContainerInstanceEntity host = new ContainerInstanceEntity(CLUSTER, "tcp://198.18.0.252:2376", 2048, 4096);
        host.setStatus(InstanceStatus.INACTIVE); // nothing connects to it or places on it
        instanceId = instances.saveAndFlush(host).getId();
        engines.register(instanceId, engine);
        TaskEntity task = new TaskEntity(CLUSTER, taskDefinitions.findFirstByFamilyOrderByRevisionDesc(family)
                .orElseThrow().getId(), 0, 64);
        task.setContainerInstanceId(instanceId);
        task.setLastStatus(LastStatus.STOPPED);
        task.addContainer("app").setDockerId(container);
        UUID taskId = tasks.saveAndFlush(task).getId();
        int inUse = caps.followsInUse();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest follow = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/clusters/" + CLUSTER
                        + "/tasks/" + taskId + "/containers/app/logs?follow=true"))
                .header("Authorization", BEARER).timeout(Duration.ofSeconds(30)).build();
        for (int i = 0; i < 40; i++) { // more than berth.api.max-concurrent-log-follows (32)
            HttpResponse<String> response = http.send(follow, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("follow #%d: %s", i + 1, response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("done\n");
        }
        assertThat(caps.followsInUse()).isEqualTo(inUse);
    }
}
