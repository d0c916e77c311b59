package io.berth.app.metrics;

import io.berth.app.BerthContextTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;

/** Prometheus scrapes Berth's own metrics (open, like health: a scrape config carries no Berth token). */
class PrometheusEndpointTest extends BerthContextTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void exposesTheControlLoopsAndTheStoredStatesMetrics() throws Exception {
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("berth_reconcile_queue_depth")))
                .andExpect(content().string(containsString("berth_reconcile_duration_seconds_count{kind=\"service\",outcome=\"ok\"")))
                .andExpect(content().string(containsString("berth_tasks{state=\"RUNNING\"}")))
                .andExpect(content().string(containsString("berth_services{state=\"ACTIVE\"}")))
                .andExpect(content().string(containsString("berth_deployments{state=\"IN_PROGRESS\"}")))
                .andExpect(content().string(containsString("berth_placement_failures_total")));
    }
}
