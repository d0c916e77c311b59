package io.berth.app.console;

import io.berth.app.BerthContextTest;
import io.berth.app.api.ClusterBootstrap;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console's sign-in, session, CSRF and authorization through the real interceptor, authenticators and
 * PostgreSQL: a session is exactly as powerful as its token and never shows it; every post needs the session's CSRF
 * value; a viewer is offered no button and a forged post is refused.
 */
class ConsoleSignInTest extends BerthContextTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String CLUSTER = "console-test";

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JsonMapper json;
    @Autowired
    private ClusterBootstrap clusters;

    /** A signed-in browser: its session cookie and the CSRF value its pages carry. */
    private record Browser(Cookie session, String csrf) {
    }

    @BeforeEach
    void cluster() {
        clusters.ensureExists(CLUSTER);
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF field in %s", html).isTrue();
        return m.group(1);
    }

    private Browser signIn(String token) throws Exception {
        MockHttpServletResponse form = mvc.perform(get("/ui/sign-in")).andExpect(status().isOk()).andReturn().getResponse();
        Cookie signIn = form.getCookie(ConsoleCookies.SIGN_IN);
        MockHttpServletResponse answer = mvc.perform(post("/ui/sign-in").cookie(signIn)
                        .param("token", token).param("_csrf", csrf(form.getContentAsString())))
                .andExpect(status().isFound()).andExpect(header().string(HttpHeaders.LOCATION, "/ui/clusters"))
                .andReturn().getResponse();
        Cookie session = answer.getCookie(ConsoleCookies.SESSION);
        assertThat(session).isNotNull();
        String page = mvc.perform(get("/ui/clusters").cookie(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return new Browser(session, csrf(page));
    }

    private String token(String role) throws Exception {
        String answer = mvc.perform(post("/v1/tokens").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"%s\",\"role\":\"%s\",\"expiresIn\":\"1d\"}"
                                .formatted(role + "-" + UUID.randomUUID().toString().substring(0, 8), role)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(answer).get("secret").stringValue();
    }

    private String service() throws Exception {
        String name = "web-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/v1/apply").header("Authorization", BEARER).contentType("application/yaml").content("""
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %s}
                spec:
                  containers:
                    - {name: app, image: "busybox:1.36", memory: 16}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %s, cluster: %s}
                spec: {taskDefinition: %s, desiredCount: 0}
                """.formatted(name, name, CLUSTER, name))).andExpect(status().isOk());
        return name;
    }

    @Test
    void pagesNeedASessionAndTheCookieHoldsAReferenceNotTheToken() throws Exception {
        mvc.perform(get("/ui/clusters")).andExpect(status().isSeeOther())
                .andExpect(header().string(HttpHeaders.LOCATION, "/ui/sign-in"));
        mvc.perform(get("/ui/clusters").cookie(new Cookie(ConsoleCookies.SESSION, "made-up")))
                .andExpect(status().isSeeOther());

        MockHttpServletResponse form = mvc.perform(get("/ui/sign-in")).andReturn().getResponse();
        MockHttpServletResponse answer = mvc.perform(post("/ui/sign-in").cookie(form.getCookie(ConsoleCookies.SIGN_IN))
                .param("token", TOKEN).param("_csrf", csrf(form.getContentAsString()))).andReturn().getResponse();
        List<String> setCookies = answer.getHeaders(HttpHeaders.SET_COOKIE);
        String session = setCookies.stream().filter(c -> c.startsWith(ConsoleCookies.SESSION + "=")).findFirst().orElseThrow();
        assertThat(session).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/ui").doesNotContain(TOKEN);

        Browser browser = signIn(TOKEN);
        String page = mvc.perform(get("/ui/clusters").cookie(browser.session())).andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'self'")))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(CLUSTER).contains("Sign out").doesNotContain(TOKEN);
    }

    @Test
    void signInRefusesAForeignFormAndABadToken() throws Exception {
        MockHttpServletResponse form = mvc.perform(get("/ui/sign-in")).andReturn().getResponse();
        Cookie signIn = form.getCookie(ConsoleCookies.SIGN_IN);
        // A post from another site's page: it cannot read our cookie, so it cannot echo its value.
        MockHttpServletResponse forged = mvc.perform(post("/ui/sign-in").cookie(signIn).param("token", TOKEN)
                .param("_csrf", "guessed")).andExpect(status().isForbidden()).andReturn().getResponse();
        assertThat(forged.getCookie(ConsoleCookies.SESSION)).isNull();
        mvc.perform(post("/ui/sign-in").param("token", TOKEN).param("_csrf", csrf(form.getContentAsString())))
                .andExpect(status().isForbidden());

        String wrong = mvc.perform(post("/ui/sign-in").cookie(signIn).param("token", "not-a-token-at-all")
                        .param("_csrf", csrf(form.getContentAsString())))
                .andExpect(status().isUnauthorized()).andReturn().getResponse().getContentAsString();
        assertThat(wrong).contains("token:").doesNotContain("not-a-token-at-all");
        mvc.perform(post("/ui/sign-in").cookie(signIn).param("token", " ").param("_csrf", csrf(form.getContentAsString())))
                .andExpect(status().isBadRequest());
    }

    @Test
    void signOutNeedsTheSessionsCsrfValueAndEndsTheSession() throws Exception {
        Browser browser = signIn(TOKEN);
        mvc.perform(post("/ui/sign-out").cookie(browser.session())).andExpect(status().isForbidden());
        mvc.perform(post("/ui/sign-out").cookie(browser.session()).param("_csrf", "wrong")).andExpect(status().isForbidden());
        mvc.perform(get("/ui/clusters").cookie(browser.session())).andExpect(status().isOk());

        mvc.perform(post("/ui/sign-out").cookie(browser.session()).param("_csrf", browser.csrf()))
                .andExpect(status().isFound()).andExpect(header().string(HttpHeaders.LOCATION, "/ui/sign-in?signed-out"));
        mvc.perform(get("/ui/clusters").cookie(browser.session())).andExpect(status().isSeeOther());
        mvc.perform(get("/ui/clusters/" + CLUSTER + "/services/x/live").cookie(browser.session())
                .accept(MediaType.TEXT_EVENT_STREAM)).andExpect(status().isUnauthorized());
    }

    @Test
    void aViewerSeesNoButtonsAndAForgedPostIsRefused() throws Exception {
        String service = service();
        String servicePage = "/ui/clusters/" + CLUSTER + "/services/" + service;
        Browser viewer = signIn(token("viewer"));
        String page = mvc.perform(get(servicePage).cookie(viewer.session())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(service).doesNotContain("id=\"restart\"").doesNotContain("id=\"rollback\"");
        String refused = mvc.perform(post(servicePage + "/restart").cookie(viewer.session()).param("_csrf", viewer.csrf()))
                .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("may not create deployments in cluster &#39;" + CLUSTER + "&#39;");

        Browser deployer = signIn(token("deployer"));
        assertThat(mvc.perform(get(servicePage).cookie(deployer.session())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).contains("id=\"restart\"");
        mvc.perform(post(servicePage + "/restart").cookie(deployer.session())).andExpect(status().isForbidden());
        mvc.perform(post(servicePage + "/restart").cookie(deployer.session()).param("_csrf", deployer.csrf()))
                .andExpect(status().isFound()).andExpect(header().string(HttpHeaders.LOCATION, servicePage));

        // Both recorded as the API route would be, the refusal too.
        String trail = mvc.perform(get("/v1/audit").param("cluster", CLUSTER).param("resource", "services")
                .header("Authorization", BEARER)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        var restarts = json.readTree(trail).valueStream()
                .filter(e -> service.equals(e.path("name").asString("")) && "restart".equals(e.path("subresource").asString("")))
                .map(e -> e.path("status").asInt()).sorted().toList();
        assertThat(restarts).containsExactly(201, 403);
    }

    @Test
    void aRevokedTokenEndsItsSession() throws Exception {
        String name = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        String answer = mvc.perform(post("/v1/tokens").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"%s\",\"role\":\"viewer\",\"expiresIn\":\"1d\"}".formatted(name)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        Browser browser = signIn(json.readTree(answer).get("secret").stringValue());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/v1/tokens/" + name)
                .header("Authorization", BEARER)).andExpect(status().is2xxSuccessful());
        mvc.perform(get("/ui/clusters").cookie(browser.session())).andExpect(status().isSeeOther());
    }

    @Test
    void pagesOfAClusterAndAnUnknownService() throws Exception {
        Browser admin = signIn(TOKEN);
        String service = service();
        assertThat(mvc.perform(get("/ui/clusters/" + CLUSTER + "/services").cookie(admin.session()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).contains(service);
        mvc.perform(get("/ui/clusters/" + CLUSTER + "/instances").cookie(admin.session())).andExpect(status().isOk());
        mvc.perform(get("/ui/clusters/" + CLUSTER + "/services/" + service).cookie(admin.session()))
                .andExpect(status().isOk());
        mvc.perform(get("/ui/clusters/" + CLUSTER + "/services/nope").cookie(admin.session()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/ui/clusters/" + CLUSTER + "/tasks/" + UUID.randomUUID()).cookie(admin.session()))
                .andExpect(status().isNotFound());
    }
}
