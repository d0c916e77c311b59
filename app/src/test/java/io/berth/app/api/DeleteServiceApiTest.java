package io.berth.app.api;

import io.berth.db.model.ServiceEntity;
import io.berth.db.model.ServiceStatus;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The API side of deletion only: the test removes the row where the control loop would. If a loop runs
 * in this context it may remove the row first, so the assertions do not depend on the row staying.
 */
class DeleteServiceApiTest extends ApiTestSupport {

    @Test
    void deleteMarksDrainingAndTriggersTheLoopEveryTime() throws Exception {
        ServiceEntity service = createService();

        mvc.perform(delete("/v1/clusters/" + CLUSTER + "/services/{n}", service.getName()).header("Authorization", BEARER))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.name").value(service.getName()))
                .andExpect(jsonPath("$.status").value("DRAINING"))
                .andExpect(jsonPath("$.events[0].message").value(containsString("is being deleted")));
        assertThat(triggered()).containsExactly(service.getId());
        services.findById(service.getId()).ifPresent(s -> assertThat(s.getStatus()).isEqualTo(ServiceStatus.DRAINING));

        clearEvents();
        if (services.existsById(service.getId())) {
            mvc.perform(delete("/v1/clusters/" + CLUSTER + "/services/{n}", service.getName()).header("Authorization", BEARER))
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.status").value("DRAINING"));
            assertThat(triggered()).containsExactly(service.getId());
            assertThat(serviceEvents.findLatest(service.getId(), 50))
                    .filteredOn(e -> e.getMessage().contains("is being deleted")).hasSize(1);
        }
    }

    @Test
    void unknownServiceOrClusterIs404() throws Exception {
        mvc.perform(delete("/v1/clusters/" + CLUSTER + "/services/{n}", unique("nope")).header("Authorization", BEARER))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message").value(containsString("service")));
        mvc.perform(delete("/v1/clusters/{c}/services/x", unique("nope")).header("Authorization", BEARER))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message").value(containsString("cluster")));
        assertThat(triggered()).isEmpty();
    }

    @Test
    void waitAnswers200OnceTheRowIsGone() throws Exception {
        ServiceEntity service = createService();
        CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> {
            sleep(300);
            services.deleteById(service.getId());
        });

        mvc.perform(delete("/v1/clusters/" + CLUSTER + "/services/{n}", service.getName())
                        .param("wait", "true").param("timeout", "10s").header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("INACTIVE"))
                .andExpect(jsonPath("$.runningCount").value(0));
        loop.get(10, TimeUnit.SECONDS);
        mvc.perform(get("/v1/clusters/" + CLUSTER + "/services/{n}", service.getName()).header("Authorization", BEARER))
                .andExpect(status().isNotFound());
    }

    @Test
    void waitAnswers504WhenTheServiceStillDrains() throws Exception {
        ServiceEntity service = createService();
        long started = System.nanoTime();
        int status = mvc.perform(delete("/v1/clusters/" + CLUSTER + "/services/{n}", service.getName())
                        .param("wait", "true").param("timeout", "300ms").header("Authorization", BEARER))
                .andReturn().getResponse().getStatus();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        // 200 only if a control loop in this context removed the (task-less) service within the timeout.
        assertThat(status).isIn(504, 200);
        if (status == 504) {
            assertThat(tookMillis).isBetween(250L, 5_000L);
        }
    }

    @Test
    void invalidOrTooLongTimeoutIs400() throws Exception {
        ServiceEntity service = createService();
        mvc.perform(delete("/v1/clusters/" + CLUSTER + "/services/{n}", service.getName())
                        .param("wait", "true").param("timeout", "soon").header("Authorization", BEARER))
                .andExpect(status().isBadRequest());
        mvc.perform(delete("/v1/clusters/" + CLUSTER + "/services/{n}", service.getName())
                        .param("wait", "true").param("timeout", "1h").header("Authorization", BEARER))
                .andExpect(status().isBadRequest());
        assertThat(service(service.getName()).getStatus()).isEqualTo(ServiceStatus.ACTIVE);
    }

    private ServiceEntity createService() throws Exception {
        String family = unique("web");
        String name = unique("svc");
        applyYaml(documents(taskDefinition(family, "nginx"), service(name, family, 1))).andExpect(status().isOk());
        clearEvents();
        return service(name);
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
