package io.berth.app.console;

import io.berth.app.BerthContextTest;
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
 * The task definition pages: families, a family's revisions, a revision's spec, and two revisions side by side —
 * read with the API's permissions and redaction.
 */
class ConsoleTaskDefinitionsTest extends BerthContextTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JsonMapper json;
    @Autowired
    private io.berth.app.api.FirstPages pages;

    private void apply(String family, String image, String password) throws Exception {
        mvc.perform(post("/v1/apply").header("Authorization", BEARER).contentType("application/yaml").content("""
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %s}
                spec:
                  containers:
                    - name: app
                      image: "%s"
                      memory: 16
                      environment: {DB_PASSWORD: "%s", MODE: blue}
                """.formatted(family, image, password))).andExpect(status().isOk());
    }

    @Test
    void aFamilyPageShowsTheNewestRevisionsWhenThereAreMoreThanItsLimit() throws Exception {
        String family = "td-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 3; i++) {
            apply(family, "busybox:1." + i, "p" + i);
        }

        var two = pages.taskDefinitionRevisions(family, 2);
        var all = pages.taskDefinitionRevisions(family, 3);

        assertThat(two.items()).extracting(io.berth.app.api.dto.TaskDefinitionRevisionView::revision)
                .as("the newest two, oldest of them first").containsExactly(2, 3);
        assertThat(two.more()).as("an older one was left out").isTrue();
        assertThat(all.items()).extracting(io.berth.app.api.dto.TaskDefinitionRevisionView::revision)
                .containsExactly(1, 2, 3);
        assertThat(all.more()).isFalse();
    }

    @Test
    void aViewerReadsTheFamiliesARevisionAndTheDiffOfTwoWithSecretValuesHidden() throws Exception {
        // The families page lists the first berth.console.list-limit families by name, and the test database holds
        // those of every test in this context: a name that sorts first stays on it.
        String family = "0td-" + UUID.randomUUID().toString().substring(0, 8);
        apply(family, "busybox:1.36", "first-hunter2");
        apply(family, "busybox:1.37", "second-hunter2");
        ConsoleBrowsers browsers = new ConsoleBrowsers(mvc, json, BEARER);
        ConsoleBrowsers.Browser viewer = browsers.signInAs("viewer");

        assertThat(browsers.page(viewer, "/ui/task-definitions")).contains("data-family=\"" + family + "\"")
                .contains("href=\"/ui/task-definitions/" + family + "/revisions/2\"");
        String revisions = browsers.page(viewer, "/ui/task-definitions/" + family);
        assertThat(revisions).contains(family + ":1").contains(family + ":2")
                .containsPattern("name=\"from\" value=\"1\"[^>]*checked")
                .containsPattern("name=\"to\" value=\"2\"[^>]*checked");

        String revision = browsers.page(viewer, "/ui/task-definitions/" + family + "/revisions/1");
        assertThat(revision).contains("image: busybox:1.36").contains("DB_PASSWORD: ").contains("MODE: blue")
                .contains(io.berth.app.api.EnvRedaction.MASK).doesNotContain("hunter2");

        String diff = browsers.page(viewer, "/ui/task-definitions/" + family + "/diff?from=1&to=2");
        assertThat(diff).doesNotContain("hunter2").contains("1 changed line.")
                .containsPattern("(?s)<tr class=\"changed\" data-kind=\"CHANGED\">.*busybox:1\\.36</td>.*busybox:1\\.37</td>");
        assertThat(browsers.page(viewer, "/ui/task-definitions/" + family + "/diff?from=2&to=2"))
                .contains("The two specs are the same.");

        String bad = mvc.perform(get("/ui/task-definitions/" + family + "/diff").param("from", "x").param("to", "2")
                .cookie(viewer.session())).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("from: must be a revision number");
        mvc.perform(get("/ui/task-definitions/" + family + "/diff").param("from", "1").cookie(viewer.session()))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/ui/task-definitions/" + family + "/diff").param("from", "1").param("to", "9")
                .cookie(viewer.session())).andExpect(status().isNotFound());
        mvc.perform(get("/ui/task-definitions/no-such-" + family).cookie(viewer.session())).andExpect(status().isNotFound());
    }
}
