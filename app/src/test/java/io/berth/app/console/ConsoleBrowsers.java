package io.berth.app.console;

import jakarta.servlet.http.Cookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Signed-in console sessions for MockMvc tests: a session cookie and the CSRF value its pages carry. */
final class ConsoleBrowsers {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    record Browser(Cookie session, String csrf) {
    }

    private final MockMvc mvc;
    private final JsonMapper json;
    private final String bearer;

    ConsoleBrowsers(MockMvc mvc, JsonMapper json, String bearer) {
        this.mvc = mvc;
        this.json = json;
        this.bearer = bearer;
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF field in %s", html).isTrue();
        return m.group(1);
    }

    Browser signIn(String token) throws Exception {
        MockHttpServletResponse form = mvc.perform(get("/ui/sign-in")).andExpect(status().isOk()).andReturn().getResponse();
        Cookie signIn = form.getCookie(ConsoleCookies.SIGN_IN);
        MockHttpServletResponse answer = mvc.perform(post("/ui/sign-in").cookie(signIn)
                        .param("token", token).param("_csrf", csrf(form.getContentAsString())))
                .andExpect(status().isFound()).andExpect(header().string(HttpHeaders.LOCATION, "/ui/clusters"))
                .andReturn().getResponse();
        Cookie session = answer.getCookie(ConsoleCookies.SESSION);
        String page = mvc.perform(get("/ui/clusters").cookie(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return new Browser(session, csrf(page));
    }

    /** A new token of the role, signed in. */
    Browser signInAs(String role) throws Exception {
        String answer = mvc.perform(post("/v1/tokens").header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"%s\",\"role\":\"%s\",\"expiresIn\":\"1d\"}"
                                .formatted(role + "-" + UUID.randomUUID().toString().substring(0, 8), role)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return signIn(json.readTree(answer).get("secret").stringValue());
    }

    String page(Browser browser, String path) throws Exception {
        return mvc.perform(get(path).cookie(browser.session())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }
}
