package io.berth.app.api;

import io.berth.db.model.DeploymentEntity;
import io.berth.db.model.DeploymentStatus;
import io.berth.db.model.RolloutState;
import io.berth.db.repository.DeploymentRepository;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.store.StateStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code apply?wait=true}. No loop runs here, so another thread of the test plays it: it waits for the
 * committed deployment and finishes it, while the request waits.
 */
class ApplyWaitApiTest extends ApiTestSupport {

    @Autowired
    private DeploymentRepository deployments;
    @Autowired
    private StateStore stateStore;

    @Test
    void answers200WithTheRolloutOnceTheDeploymentCompleted() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        CompletableFuture<Void> loop = finishLater(name, Deployment.RolloutState.COMPLETED, "2 of 2 tasks healthy");

        applyWait(documents(taskDefinition(family, "nginx"), service(name, family, 2)), "20s")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[0].rollout").doesNotExist())
                .andExpect(jsonPath("$.documents[1].result").value("created"))
                .andExpect(jsonPath("$.documents[1].rollout.rolloutState").value("COMPLETED"))
                .andExpect(jsonPath("$.documents[1].rollout.reason").value("2 of 2 tasks healthy"))
                .andExpect(jsonPath("$.error").doesNotExist());
        loop.get(10, TimeUnit.SECONDS);
    }

    @Test
    void answers409NamingTheServiceWhenTheDeploymentWasRolledBack() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 2))).andExpect(status().isOk());
        String reason = "circuit breaker tripped after 3 failed tasks of " + family + ":2; rolled back to "
                + family + ":1";
        CompletableFuture<Void> loop = finishLater(name, family + ":2", Deployment.RolloutState.ROLLED_BACK, reason);

        applyWait(documents(taskDefinition(family, "nginx:broken"), service(name, family, 2)), "20s")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.documents[1].result").value("configured"))
                .andExpect(jsonPath("$.documents[1].rollout.rolloutState").value("ROLLED_BACK"))
                .andExpect(jsonPath("$.error").value(
                        "service \"" + name + "\": deployment rolled back: " + reason));
        loop.get(10, TimeUnit.SECONDS);
    }

    @Test
    void answers504NamingTheServicesStillInProgress() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        long started = System.nanoTime();

        applyWait(documents(taskDefinition(family, "nginx"), service(name, family, 1)), "1s")
                .andExpect(status().isGatewayTimeout())
                .andExpect(jsonPath("$.documents[1].rollout.rolloutState").value("IN_PROGRESS"))
                .andExpect(jsonPath("$.error").value(allOf(containsString("\"" + name + "\""),
                        containsString("IN_PROGRESS"), containsString("1s"))));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900),
                Duration.ofSeconds(10));
        assertThat(service(name)).isNotNull(); // stored all the same
    }

    @Test
    void unchangedServicesAndScaleOnlyChangesOfACompletedRolloutDoNotWait() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 1))).andExpect(status().isOk());

        // Unchanged while its rollout is still in progress: nothing of this request to wait for.
        applyWait(documents(taskDefinition(family, "nginx"), service(name, family, 1)), "30s")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[1].result").value("unchanged"))
                .andExpect(jsonPath("$.documents[1].rollout").doesNotExist());

        stateStore.finishDeployment(primary(name).orElseThrow().getId(), Deployment.RolloutState.COMPLETED, "done",
                Instant.now());
        applyWait(documents(taskDefinition(family, "nginx"), service(name, family, 3)), "30s")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.documents[1].result").value("configured"))
                .andExpect(jsonPath("$.documents[1].rollout.rolloutState").value("COMPLETED"));
    }

    @Test
    void dryRunWithWaitIsJustTheDryRun() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        mvc.perform(post("/v1/apply").param("dryRun", "true").param("wait", "true").param("timeout", "30s")
                        .header("Authorization", BEARER).contentType(MediaType.parseMediaType("application/yaml"))
                        .content(documents(taskDefinition(family, "nginx"), service(name, family, 1))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dryRun").value(true))
                .andExpect(jsonPath("$.documents[1].rollout").doesNotExist());
        assertThat(services.findByClusterAndName(CLUSTER, name)).isEmpty();
    }

    @Test
    void badOrTooLongTimeoutIs400AndStoresNothing() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        String yaml = documents(taskDefinition(family, "nginx"), service(name, family, 1));

        applyWait(yaml, "soon").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(containsString("timeout")));
        applyWait(yaml, "31m").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(containsString("timeout must be at most 30m")));
        assertThat(services.findByClusterAndName(CLUSTER, name)).isEmpty();
    }

    private ResultActions applyWait(String yaml, String timeout) throws Exception {
        return mvc.perform(post("/v1/apply").param("wait", "true").param("timeout", timeout)
                .header("Authorization", BEARER).contentType(MediaType.parseMediaType("application/yaml"))
                .content(yaml));
    }

    private Optional<DeploymentEntity> primary(String name) {
        return services.findByClusterAndName(CLUSTER, name)
                .flatMap(s -> deployments.findByServiceIdAndStatus(s.getId(), DeploymentStatus.PRIMARY));
    }

    private CompletableFuture<Void> finishLater(String name, Deployment.RolloutState state, String reason) {
        return finishLater(name, null, state, reason);
    }

    /** Plays the loop: once the service's PRIMARY (of {@code revision}, when given) is committed, finishes it. */
    private CompletableFuture<Void> finishLater(String name, String revision, Deployment.RolloutState state,
                                                String reason) {
        return CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                Optional<DeploymentEntity> d = primary(name)
                        .filter(p -> p.getRolloutState() == RolloutState.IN_PROGRESS)
                        .filter(p -> revision == null || p.getTaskDefinition().toString().equals(revision));
                if (d.isPresent()) {
                    sleep(300); // let the request start waiting
                    stateStore.finishDeployment(d.get().getId(), state, reason, Instant.now());
                    return;
                }
                sleep(50);
            }
            throw new AssertionError("no deployment in progress for " + name);
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
