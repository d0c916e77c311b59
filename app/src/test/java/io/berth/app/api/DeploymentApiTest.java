package io.berth.app.api;

import io.berth.db.model.DeploymentEntity;
import io.berth.db.model.DeploymentTrigger;
import io.berth.db.model.DesiredStatus;
import io.berth.db.model.LastStatus;
import io.berth.db.model.RolloutState;
import io.berth.reconciler.model.Deployment;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Deployments as apply starts them, their history and rollout; the test finishes them where the loop would. */
class DeploymentApiTest extends DeploymentTestSupport {

    @Test
    void applyStartsACreatedDeploymentShownOnTheService() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 2))).andExpect(status().isOk());

        DeploymentEntity d = primary(name);
        assertThat(d.getTrigger()).isEqualTo(DeploymentTrigger.CREATED);
        assertThat(d.getRolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
        assertThat(d.getDesiredCount()).isEqualTo(2);
        getService(name)
                .andExpect(jsonPath("$.rollout.deploymentId").value(d.getId().toString()))
                .andExpect(jsonPath("$.rollout.taskDefinition").value(family + ":1"))
                .andExpect(jsonPath("$.rollout.rolloutState").value("IN_PROGRESS"));
    }

    @Test
    void newRevisionStartsAnUpdatedDeploymentAndTheOldOneStaysActive() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 2))).andExpect(status().isOk());
        complete(name);

        applyYaml(documents(taskDefinition(family, "nginx:2"), service(name, family, 2))).andExpect(status().isOk());

        history(name)
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].trigger").value("UPDATED"))
                .andExpect(jsonPath("$[0].status").value("PRIMARY"))
                .andExpect(jsonPath("$[0].taskDefinition").value(family + ":2"))
                .andExpect(jsonPath("$[0].rolloutState").value("IN_PROGRESS"))
                .andExpect(jsonPath("$[1].trigger").value("CREATED"))
                .andExpect(jsonPath("$[1].status").value("ACTIVE"))
                .andExpect(jsonPath("$[1].rolloutState").value("COMPLETED"));
    }

    @Test
    void aNewRevisionSupersedesARolloutInProgress() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 1))).andExpect(status().isOk());
        applyYaml(documents(taskDefinition(family, "nginx:2"), service(name, family, 1))).andExpect(status().isOk());

        history(name)
                .andExpect(jsonPath("$[1].rolloutState").value("FAILED"))
                .andExpect(jsonPath("$[1].reason").value(containsString("superseded")));
    }

    @Test
    void desiredCountChangeUpdatesThePrimaryAndUnchangedDoesNothing() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 2))).andExpect(status().isOk());
        DeploymentEntity before = primary(name);

        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 5)))
                .andExpect(jsonPath("$.documents[1].result").value("configured"));
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 5)))
                .andExpect(jsonPath("$.documents[1].result").value("unchanged"));

        List<DeploymentEntity> all = deployments.findByServiceIdOrderByCreatedAtDesc(service(name).getId());
        assertThat(all).extracting(DeploymentEntity::getId).containsExactly(before.getId());
        assertThat(all.getFirst().getDesiredCount()).isEqualTo(5);
    }

    @Test
    void historyCountsTheTasksOfEachDeployment() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 3))).andExpect(status().isOk());
        DeploymentEntity d = primary(name);
        task(name, d, LastStatus.RUNNING, DesiredStatus.RUNNING, null);
        task(name, d, LastStatus.RUNNING, DesiredStatus.RUNNING, null);
        task(name, d, LastStatus.PENDING, DesiredStatus.RUNNING, null);
        task(name, d, LastStatus.RUNNING, DesiredStatus.STOPPED, null); // being stopped: counted nowhere
        task(name, d, LastStatus.STOPPED, DesiredStatus.STOPPED, "EssentialContainerExited");

        history(name)
                .andExpect(jsonPath("$[0].runningCount").value(2))
                .andExpect(jsonPath("$[0].pendingCount").value(1))
                .andExpect(jsonPath("$[0].failedTasks").value(1))
                .andExpect(jsonPath("$[0].createdAt").exists())
                .andExpect(jsonPath("$[0].finishedAt").doesNotExist());
    }

    @Test
    void rolloutShowsThePrimaryAndWhetherItIsDone() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 2))).andExpect(status().isOk());

        rollout(name).andExpect(status().isOk())
                .andExpect(jsonPath("$.service").value(name))
                .andExpect(jsonPath("$.desiredCount").value(2))
                .andExpect(jsonPath("$.taskDefinition").value(family + ":1"))
                .andExpect(jsonPath("$.trigger").value("CREATED"))
                .andExpect(jsonPath("$.done").value(false))
                .andExpect(jsonPath("$.succeeded").value(false));

        stateStore.finishDeployment(primary(name).getId(), Deployment.RolloutState.FAILED, "progress deadline passed",
                Instant.now());
        rollout(name).andExpect(jsonPath("$.done").value(true))
                .andExpect(jsonPath("$.succeeded").value(false))
                .andExpect(jsonPath("$.rolloutState").value("FAILED"))
                .andExpect(jsonPath("$.reason").value("progress deadline passed"))
                .andExpect(jsonPath("$.finishedAt").exists());
        rollout(unique("nope")).andExpect(status().isNotFound());
    }

}
