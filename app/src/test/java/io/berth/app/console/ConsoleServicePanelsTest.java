package io.berth.app.console;

import io.berth.app.BerthContextTest;
import io.berth.app.api.ClusterBootstrap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The service page's Scaling panel (declared range, policies, scheduled actions with their next firing) and the
 * rollback to a chosen earlier revision, which goes through the API's rollback with that target.
 */
class ConsoleServicePanelsTest extends BerthContextTest {

    private static final String CLUSTER = "console-panels";

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JsonMapper json;
    @Autowired
    private ClusterBootstrap clusters;

    private void apply(String name, String image, String autoScaling) throws Exception {
        mvc.perform(post("/v1/apply").header("Authorization", BEARER).contentType("application/yaml").content("""
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %s}
                spec:
                  containers:
                    - {name: app, image: "%s", memory: 16}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %s, cluster: %s}
                spec:
                  taskDefinition: %s
                  desiredCount: 1
                %s
                """.formatted(name, image, name, CLUSTER, name, autoScaling))).andExpect(status().isOk());
    }

    @Test
    void theScalingPanelShowsTheRangePoliciesAndScheduledActionsAndRollbackTakesAChosenRevision() throws Exception {
        clusters.ensureExists(CLUSTER);
        String name = "panel-" + UUID.randomUUID().toString().substring(0, 8);
        String scaling = """
                  autoScaling:
                    minCount: 1
                    maxCount: 4
                    targetTracking: [{metric: cpu, target: 60}]
                    scheduled: [{name: nightly, schedule: "0 22 * * *", timezone: UTC, minCount: 1, maxCount: 2}]
                """;
        apply(name, "busybox:1.36", scaling);
        apply(name, "busybox:1.37", scaling);
        apply(name, "busybox:1.35", scaling);
        ConsoleBrowsers browsers = new ConsoleBrowsers(mvc, json, BEARER);
        ConsoleBrowsers.Browser deployer = browsers.signInAs("deployer");
        String path = "/ui/clusters/" + CLUSTER + "/services/" + name;

        String page = browsers.page(deployer, path);
        assertThat(page).contains("id=\"scaling\"").contains("id=\"scaling-min\">1<").contains("id=\"scaling-max\">4<")
                .contains("target tracking: cpu at 60.0").contains("nightly").contains("0 22 * * * (UTC)")
                .containsPattern("<td>\\d{4}-\\d\\d-\\d\\d 22:00:00 UTC</td>") // its next firing
                .doesNotContain("id=\"targets\""); // behind no target group
        assertThat(page).contains("<option value=\"" + name + ":2\">").contains("<option value=\"" + name + ":1\">")
                .doesNotContain("<option value=\"" + name + ":3\">"); // the revision it runs

        mvc.perform(post(path + "/rollback").cookie(deployer.session()).param("_csrf", deployer.csrf())
                .param("taskDefinition", "not a revision")).andExpect(status().isBadRequest());
        mvc.perform(post(path + "/rollback").cookie(deployer.session()).param("_csrf", deployer.csrf())
                .param("taskDefinition", name + ":1")).andExpect(status().isFound());
        String service = mvc.perform(get("/v1/clusters/" + CLUSTER + "/services/" + name).header("Authorization", BEARER))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(service).path("taskDefinition").asString()).isEqualTo(name + ":1");
        assertThat(browsers.page(deployer, path)).contains("data-trigger=\"ROLLBACK\" data-task-definition=\"" + name + ":1\"");

        // A service without autoScaling has no Scaling panel.
        String plain = "plain-" + UUID.randomUUID().toString().substring(0, 8);
        apply(plain, "busybox:1.36", "");
        assertThat(browsers.page(deployer, "/ui/clusters/" + CLUSTER + "/services/" + plain)).doesNotContain("id=\"scaling\"");
    }
}
