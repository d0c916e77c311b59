package io.berth.app.api;

import io.berth.db.model.DeploymentEntity;
import io.berth.db.model.DeploymentStatus;
import io.berth.db.model.DesiredStatus;
import io.berth.db.model.LastStatus;
import io.berth.db.model.RolloutState;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.TaskEntity;
import io.berth.db.repository.DeploymentRepository;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.store.StateStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Instant;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Shared by the deployment tests: finds and finishes deployments where the control loop would. */
abstract class DeploymentTestSupport extends ApiTestSupport {

    @Autowired
    protected DeploymentRepository deployments;
    @Autowired
    protected StateStore stateStore;

    protected DeploymentEntity primary(String name) {
        return deployments.findByServiceIdAndStatus(service(name).getId(), DeploymentStatus.PRIMARY).orElseThrow();
    }

    protected void complete(String name) {
        stateStore.finishDeployment(primary(name).getId(), Deployment.RolloutState.COMPLETED, "all healthy",
                Instant.now());
    }

    protected void task(String name, DeploymentEntity d, LastStatus last, DesiredStatus desired, String stopCode) {
        ServiceEntity service = service(name);
        TaskEntity task = new TaskEntity(CLUSTER, d.getTaskDefinition(), 0, 64);
        task.setService(service.getId(), name);
        task.setDeploymentId(d.getId());
        task.setLastStatus(last);
        task.setDesiredStatus(desired);
        task.setStopCode(stopCode);
        tasks.saveAndFlush(task);
    }

    protected static String base(String name) {
        return "/v1/clusters/" + CLUSTER + "/services/" + name;
    }

    protected ResultActions getService(String name) throws Exception {
        return mvc.perform(get(base(name)).header("Authorization", BEARER));
    }

    protected ResultActions history(String name) throws Exception {
        return mvc.perform(get(base(name) + "/deployments").header("Authorization", BEARER));
    }

    protected ResultActions rollout(String name) throws Exception {
        return mvc.perform(get(base(name) + "/rollout").header("Authorization", BEARER));
    }

    protected ResultActions rollback(String name, String body) throws Exception {
        var request = post(base(name) + "/rollback").header("Authorization", BEARER);
        return mvc.perform(body.isEmpty() ? request : request.contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
