package io.berth.app.console;

import io.berth.app.BerthContextTest;
import io.berth.app.api.ClusterBootstrap;
import io.berth.docker.EngineInfo;
import io.berth.reconciler.desiredstate.ContainerInstanceWrite;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The instances page's Drain and Activate buttons: shown only to a token that may update instances, refused 403 to
 * a forged post, and doing what {@code PUT .../container-instances/{id}/status} does, seen by the API and the page.
 */
class ConsoleInstancesTest extends BerthContextTest {

    private static final String CLUSTER = "console-instances";

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JsonMapper json;
    @Autowired
    private ClusterBootstrap clusters;
    @Autowired
    private DesiredStateWrites writes;

    /** A host row as registration would store it; the page and the drain need no engine behind it. */
    private UUID instance() {
        clusters.ensureExists(CLUSTER);
        String engine = "E-" + UUID.randomUUID();
        return writes.applyContainerInstance(new ContainerInstanceWrite(CLUSTER, "tcp://192.0.2.1:" + (20000 + (engine.hashCode() & 0x3fff)),
                null, new EngineInfo(engine, "drain-host", 2, 2L << 30, "20.10.24", "1.41", "linux", "x86_64"),
                Map.of(), null, null, null));
    }

    private String apiStatus(UUID id) throws Exception {
        String list = mvc.perform(get("/v1/clusters/" + CLUSTER + "/container-instances").header("Authorization", BEARER))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return json.readTree(list).findParents("id").stream()
                .filter(n -> id.toString().equals(n.path("id").asString(""))).findFirst().orElseThrow()
                .path("status").asString();
    }

    @Test
    void anOperatorDrainsAndActivatesAViewerSeesNoButtonAndAForgedPostIsRefused() throws Exception {
        UUID id = instance();
        ConsoleBrowsers browsers = new ConsoleBrowsers(mvc, json, BEARER);
        String page = "/ui/clusters/" + CLUSTER + "/instances";
        String drain = page + "/" + id + "/drain";

        ConsoleBrowsers.Browser viewer = browsers.signInAs("viewer");
        assertThat(browsers.page(viewer, page)).contains(id.toString()).doesNotContain("class=\"drain\"")
                .doesNotContain("/drain");
        String refused = mvc.perform(post(drain).cookie(viewer.session()).param("_csrf", viewer.csrf()))
                .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("may not update instances");
        assertThat(apiStatus(id)).isEqualTo("ACTIVE");

        ConsoleBrowsers.Browser operator = browsers.signInAs("operator");
        assertThat(browsers.page(operator, page)).contains("action=\"" + drain + "\"").doesNotContain("/activate");
        mvc.perform(post(drain).cookie(operator.session())).andExpect(status().isForbidden()); // no CSRF value
        assertThat(apiStatus(id)).isEqualTo("ACTIVE");

        mvc.perform(post(drain).cookie(operator.session()).param("_csrf", operator.csrf()))
                .andExpect(status().isFound()).andExpect(header().string(HttpHeaders.LOCATION, page));
        assertThat(apiStatus(id)).isEqualTo("DRAINING");
        assertThat(browsers.page(operator, page)).contains(">DRAINING")
                .contains("action=\"" + page + "/" + id + "/activate\"").doesNotContain(drain);

        mvc.perform(post(page + "/" + id + "/activate").cookie(operator.session()).param("_csrf", operator.csrf()))
                .andExpect(status().isFound());
        assertThat(apiStatus(id)).isEqualTo("ACTIVE");
        mvc.perform(post(page + "/not-a-uuid/drain").cookie(operator.session()).param("_csrf", operator.csrf()))
                .andExpect(status().isNotFound());

        // Recorded as the API route would be, the refusals too.
        String trail = mvc.perform(get("/v1/audit").param("cluster", CLUSTER).header("Authorization", BEARER))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        var statuses = json.readTree(trail).valueStream()
                .filter(e -> id.toString().equals(e.path("name").asString("")))
                .map(e -> e.path("verb").asString() + " " + e.path("status").asInt()).sorted().toList();
        assertThat(statuses).containsExactly("PUT 200", "PUT 200", "PUT 403");
    }
}
