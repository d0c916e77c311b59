package io.berth.app.api;

import io.berth.db.model.ClusterEntity;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The exec route's refusals, all answered before any upgrade: bad parameters name their field, a cluster whose policy
 * does not allow exec says so, an unknown task is a 404. The sessions themselves are in ExecEndToEndIT.
 */
class ExecApiTest extends ApiTestSupport {

    private static MockHttpServletRequestBuilder exec(String cluster, String task) {
        return get("/v1/clusters/{c}/tasks/{id}/containers/app/exec", cluster, task).header("Authorization", BEARER)
                .header("Upgrade", "websocket").header("Connection", "Upgrade");
    }

    @Test
    void execIsOffUntilTheClusterPolicyAllowsIt() throws Exception {
        String cluster = unique("exec");
        clusters.save(new ClusterEntity(cluster));
        String task = UUID.randomUUID().toString();

        mvc.perform(get("/v1/clusters/{c}/policy", cluster).header("Authorization", BEARER))
                .andExpect(jsonPath("$.allowExec").value(false));
        mvc.perform(exec(cluster, task).param("command", "sh"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message", containsString("its policy's allowExec is false")));

        mvc.perform(put("/v1/clusters/{c}/policy", cluster).header("Authorization", BEARER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"allowExec\":true}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.allowExec").value(true));
        mvc.perform(exec(cluster, task).param("command", "sh"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message", containsString("task " + task + " not found")));
    }

    @Test
    void badParametersAreRefusedNamingTheField() throws Exception {
        String cluster = unique("exec");
        clusters.save(new ClusterEntity(cluster));
        String task = UUID.randomUUID().toString();

        mvc.perform(exec(cluster, task))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("command"));
        mvc.perform(exec(cluster, task).param("command", "sh").param("tty", "yes"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("tty"));
        mvc.perform(exec(cluster, task).param("command", "sh").param("stdin", "2"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("stdin"));
        mvc.perform(exec("no-such-cluster", task).param("command", "sh"))
                .andExpect(status().isNotFound());
    }
}
