package io.berth.app.console;

import io.berth.app.BerthContextTest;
import io.berth.app.api.ClusterBootstrap;
import io.berth.db.model.DeploymentEntity;
import io.berth.db.model.DeploymentStatus;
import io.berth.db.model.RolloutState;
import io.berth.db.repository.DeploymentRepository;
import io.berth.db.repository.ServiceRepository;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.store.StateStore;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The apply page: a dry run names every invalid field and stores nothing; apply stores; the token's limits hold. */
class ConsoleApplyTest extends BerthContextTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String CLUSTER = "console-apply";

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JsonMapper json;
    @Autowired
    private ClusterBootstrap clusters;
    @Autowired
    private ServiceRepository services;
    @Autowired
    private DeploymentRepository deployments;
    @Autowired
    private StateStore stateStore;

    private record Browser(Cookie session, String csrf) {
    }

    @BeforeEach
    void cluster() {
        clusters.ensureExists(CLUSTER);
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private Browser signIn(String token) throws Exception {
        MockHttpServletResponse form = mvc.perform(get("/ui/sign-in")).andReturn().getResponse();
        Cookie session = mvc.perform(post("/ui/sign-in").cookie(form.getCookie(ConsoleCookies.SIGN_IN))
                        .param("token", token).param("_csrf", csrf(form.getContentAsString())))
                .andExpect(status().isFound()).andReturn().getResponse().getCookie(ConsoleCookies.SESSION);
        String page = mvc.perform(get("/ui/apply").cookie(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return new Browser(session, csrf(page));
    }

    private static String manifest(String name, int desiredCount, int memory) {
        return """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %1$s}
                spec:
                  containers:
                    - {name: app, image: "busybox:1.36", memory: %3$d}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %1$s, cluster: %4$s}
                spec: {taskDefinition: %1$s, desiredCount: %2$d}
                """.formatted(name, desiredCount, memory, CLUSTER);
    }

    @Test
    void aDryRunNamesEveryInvalidFieldThenApplyStores() throws Exception {
        Browser admin = signIn(TOKEN);
        String name = "web-" + UUID.randomUUID().toString().substring(0, 8);

        String invalid = mvc.perform(post("/ui/apply").cookie(admin.session()).param("_csrf", admin.csrf())
                        .param("manifest", manifest(name, -1, 1)).param("action", "check"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(invalid).contains("2 invalid fields").contains("documents[0].spec.containers[0].memory")
                .contains("documents[1].spec.desiredCount");

        String dryRun = mvc.perform(post("/ui/apply").cookie(admin.session()).param("_csrf", admin.csrf())
                        .param("manifest", manifest(name, 0, 16)).param("action", "check"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(dryRun).contains("Dry run: nothing was stored").contains(name);
        assertThat(services.findByClusterAndName(CLUSTER, name)).isEmpty();

        mvc.perform(post("/ui/apply").cookie(admin.session()).param("manifest", manifest(name, 0, 16))
                .param("action", "apply")).andExpect(status().isForbidden());
        assertThat(services.findByClusterAndName(CLUSTER, name)).isEmpty();

        String applied = mvc.perform(post("/ui/apply").cookie(admin.session()).param("_csrf", admin.csrf())
                        .param("manifest", manifest(name, 0, 16)).param("action", "apply"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(applied).contains("Applied").contains("/ui/clusters/" + CLUSTER + "/services/" + name);
        assertThat(services.findByClusterAndName(CLUSTER, name)).isPresent();

        mvc.perform(post("/ui/apply").cookie(admin.session()).param("_csrf", admin.csrf())
                .param("manifest", "kind: [unclosed").param("action", "check")).andExpect(status().isBadRequest());
        mvc.perform(post("/ui/apply").cookie(admin.session()).param("_csrf", admin.csrf())
                .param("manifest", " ").param("action", "check")).andExpect(status().isBadRequest());
    }

    @Test
    void applyWithWaitAnswersOnceTheRolloutFinishedAndNamesOneThatDidNot() throws Exception {
        Browser admin = signIn(TOKEN);
        String name = "web-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(mvc.perform(get("/ui/apply").cookie(admin.session())).andReturn().getResponse()
                .getContentAsString()).contains("id=\"manifest-file\"").contains("/ui/apply.js");

        // No control loop runs in this context: a thread of the test finishes the deployment while the page waits.
        CompletableFuture<Void> completed = finishLater(name, 1, Deployment.RolloutState.COMPLETED, "0 of 0 tasks");
        String rolledOut = mvc.perform(post("/ui/apply").cookie(admin.session()).param("_csrf", admin.csrf())
                        .param("manifest", manifest(name, 0, 16)).param("action", "apply").param("wait", "true"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        completed.get(10, TimeUnit.SECONDS);
        assertThat(rolledOut).contains("Applied and rolled out").contains("COMPLETED: 0 of 0 tasks");

        CompletableFuture<Void> rolledBack = finishLater(name, 2, Deployment.RolloutState.ROLLED_BACK,
                "circuit breaker tripped");
        String failed = mvc.perform(post("/ui/apply").cookie(admin.session()).param("_csrf", admin.csrf())
                        .param("manifest", manifest(name, 0, 32)).param("action", "apply").param("wait", "true"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        rolledBack.get(10, TimeUnit.SECONDS);
        assertThat(failed).contains("Applied; a rollout did not finish").contains("ROLLED_BACK: circuit breaker tripped")
                .contains("service &quot;" + name + "&quot;: deployment rolled back");
    }

    /** Plays the loop: once the service's PRIMARY deployment of {@code revision} is committed, finishes it. */
    private CompletableFuture<Void> finishLater(String name, int revision, Deployment.RolloutState state,
                                                String reason) {
        return CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                Optional<DeploymentEntity> d = services.findByClusterAndName(CLUSTER, name)
                        .flatMap(s -> deployments.findByServiceIdAndStatus(s.getId(), DeploymentStatus.PRIMARY))
                        .filter(p -> p.getRolloutState() == RolloutState.IN_PROGRESS)
                        .filter(p -> p.getTaskDefinition().toString().equals(name + ":" + revision));
                if (d.isPresent()) {
                    pause(300); // let the request start waiting
                    stateStore.finishDeployment(d.get().getId(), state, reason, Instant.now());
                    return;
                }
                pause(50);
            }
            throw new AssertionError("no deployment of " + name + ":" + revision + " in progress");
        });
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aViewerCannotApply() throws Exception {
        String answer = mvc.perform(post("/v1/tokens").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"v-%s\",\"role\":\"viewer\",\"expiresIn\":\"1d\"}"
                                .formatted(UUID.randomUUID().toString().substring(0, 8))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        Browser viewer = signIn(json.readTree(answer).get("secret").stringValue());
        String name = "web-" + UUID.randomUUID().toString().substring(0, 8);
        String refused = mvc.perform(post("/ui/apply").cookie(viewer.session()).param("_csrf", viewer.csrf())
                        .param("manifest", manifest(name, 0, 16)).param("action", "apply"))
                .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("may not create");
        assertThat(services.findByClusterAndName(CLUSTER, name)).isEmpty();
    }
}
