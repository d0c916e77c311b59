package io.berth.app.api;

import io.berth.db.model.DeploymentTrigger;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.ServiceStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Rollback and restart: user-started deployments. */
class RollbackRestartApiTest extends DeploymentTestSupport {

    @Test
    void rollbackWithoutTargetGoesToTheNewestCompletedOtherRevision() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 2))).andExpect(status().isOk());
        complete(name);
        applyYaml(documents(taskDefinition(family, "nginx:2"), service(name, family, 2))).andExpect(status().isOk());
        clearEvents();

        rollback(name, "{}")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.trigger").value("ROLLBACK"))
                .andExpect(jsonPath("$.taskDefinition").value(family + ":1"))
                .andExpect(jsonPath("$.status").value("PRIMARY"))
                .andExpect(jsonPath("$.rolloutState").value("IN_PROGRESS"));

        ServiceEntity service = service(name);
        assertThat(service.getTaskDefinition().toString()).isEqualTo(family + ":1");
        assertThat(triggered()).containsExactly(service.getId());
        history(name).andExpect(jsonPath("$[1].rolloutState").value("FAILED")); // web:2 was superseded
    }

    @Test
    void rollbackToANamedRevision() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 1))).andExpect(status().isOk());
        applyYaml(documents(taskDefinition(family, "nginx:2"), service(name, family, 1))).andExpect(status().isOk());
        applyYaml(documents(taskDefinition(family, "nginx:3"), service(name, family, 1))).andExpect(status().isOk());

        rollback(name, "{\"taskDefinition\": \"1\"}").andExpect(status().isAccepted())
                .andExpect(jsonPath("$.taskDefinition").value(family + ":1"));
        rollback(name, "{\"taskDefinition\": \"" + family + ":2\"}").andExpect(status().isAccepted())
                .andExpect(jsonPath("$.taskDefinition").value(family + ":2"));
        assertThat(primary(name).getTrigger()).isEqualTo(DeploymentTrigger.ROLLBACK);
    }

    @Test
    void rollbackTargetsThatCannotBeUsed() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 1))).andExpect(status().isOk());
        complete(name);

        rollback(name, "").andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(containsString("no completed deployment")));
        rollback(name, "{\"taskDefinition\": \"9\"}").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("taskDefinition"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString(family + ":9 does not exist")));
        rollback(name, "{\"taskDefinition\": \"other:1\"}").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("taskDefinition"));
        rollback(name, "{\"taskDefinition\": \"latest\"}").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("taskDefinition"));
        rollback(name, "{\"taskDefinition\": \"1\"}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(containsString("already runs")));
        assertThat(deployments.findByServiceIdOrderByCreatedAtDesc(service(name).getId())).hasSize(1);
    }

    @Test
    void restartStartsADeploymentOfTheSameRevision() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 3))).andExpect(status().isOk());
        complete(name);
        clearEvents();

        mvc.perform(post(base(name) + "/restart").header("Authorization", BEARER))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.trigger").value("RESTART"))
                .andExpect(jsonPath("$.taskDefinition").value(family + ":1"))
                .andExpect(jsonPath("$.desiredCount").value(3));

        history(name).andExpect(jsonPath("$[1].status").value("ACTIVE"))
                .andExpect(jsonPath("$[1].rolloutState").value("COMPLETED"));
        assertThat(triggered()).containsExactly(service(name).getId());
    }

    @Test
    void drainingIs409AndUnknownIs404() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 1))).andExpect(status().isOk());
        ServiceEntity service = service(name);
        service.setStatus(ServiceStatus.DRAINING);
        services.saveAndFlush(service);

        rollback(name, "{}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(containsString("being deleted")));
        mvc.perform(post(base(name) + "/restart").header("Authorization", BEARER)).andExpect(status().isConflict());
        String unknown = unique("nope");
        rollback(unknown, "{}").andExpect(status().isNotFound());
        mvc.perform(post(base(unknown) + "/restart").header("Authorization", BEARER)).andExpect(status().isNotFound());
        history(unknown).andExpect(status().isNotFound());
    }
}
