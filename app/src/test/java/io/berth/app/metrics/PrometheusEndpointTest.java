package io.berth.app.metrics;

import io.berth.app.BerthContextTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;

/**
 * Prometheus scrapes Berth's own metrics with the admin token (its scrape config's {@code authorization}): the
 * metrics name every engine endpoint, so they are not open unless {@code berth.api.open-metrics} says so.
 */
class PrometheusEndpointTest extends BerthContextTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void exposesTheControlLoopsAndTheStoredStatesMetrics() throws Exception {
        mvc.perform(get("/actuator/prometheus").header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("berth_reconcile_queue_depth")))
                .andExpect(content().string(containsString("berth_reconcile_duration_seconds_count{kind=\"service\",outcome=\"ok\"")))
                .andExpect(content().string(containsString("berth_passes_overrun_total{kind=\"service\"}")))
                .andExpect(content().string(containsString("berth_tasks{state=\"RUNNING\"}")))
                .andExpect(content().string(containsString("berth_services{state=\"ACTIVE\"}")))
                .andExpect(content().string(containsString("berth_deployments{state=\"IN_PROGRESS\"}")))
                .andExpect(content().string(containsString("berth_placement_failures_total")));
    }

    @Test
    void needsTheBearerToken() throws Exception {
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"berth\""));
        mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer wrong"))
                .andExpect(status().isUnauthorized());
    }
}
