package io.berth.app.security;

import io.berth.app.security.identity.Authenticator;
import io.berth.app.security.identity.BadCredentialsException;
import io.berth.app.security.identity.Caller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The admin token, a later authenticator, and the 401s when no authenticator recognises the request. */
class AuthenticationFilterTest {

    private static final String TOKEN = "s3cret-token";
    private static final Caller OTHER = new Caller("alice", Caller.Source.OIDC, Set.of("viewer"), Set.of("prod"));
    private final JsonMapper json = JsonMapper.builder().build();
    /** Stands for a later kind of credential: recognises "Bearer jwt-*" and finds "jwt-expired" invalid. */
    private final Authenticator other = request -> {
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer jwt-")) {
            return Optional.empty();
        }
        if (header.equals("Bearer jwt-expired")) {
            throw new BadCredentialsException("the JWT expired");
        }
        return Optional.of(OTHER);
    };
    private final AuthenticationFilter filter = new AuthenticationFilter(
            () -> List.of(new AdminTokenAuthenticator(TOKEN), other), json);

    private MockHttpServletResponse run(String authorization, MockFilterChain chain) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/clusters");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Basic czNjcmV0LXRva2Vu", "Bearer wrong", "Bearer s3cret-toke",
            "Bearer s3cret-token-and-more", "Bearers3cret-token", "s3cret-token", "Bearer jwt-expired"})
    void rejectsWithoutAValidCredential(String authorization) throws Exception {
        MockFilterChain chain = new MockFilterChain();

        MockHttpServletResponse response = run(authorization, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"berth\"");
        assertThat(response.getContentType()).startsWith("application/json");
        JsonNode body = json.readTree(response.getContentAsString());
        assertThat(body.get("status").intValue()).isEqualTo(401);
        assertThat(body.get("error").stringValue()).isEqualTo("Unauthorized");
        assertThat(body.get("message").stringValue()).containsAnyOf("bearer token", "the JWT expired");
        assertThat(body.get("errors").isArray()).isTrue();
        assertThat(chain.getRequest()).as("request must not reach the API").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer s3cret-token", "bearer s3cret-token", "BEARER  s3cret-token "})
    void theAdminTokenIsTheAdminEverywhere(String authorization) throws Exception {
        MockFilterChain chain = new MockFilterChain();

        MockHttpServletResponse response = run(authorization, chain);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(Caller.of((jakarta.servlet.http.HttpServletRequest) chain.getRequest()))
                .contains(new Caller("admin", Caller.Source.ADMIN_TOKEN, Set.of("admin"), Set.of()));
    }

    @Test
    void aLaterAuthenticatorIsAskedWhenTheEarlierOnesDoNotRecogniseTheRequest() throws Exception {
        MockFilterChain chain = new MockFilterChain();

        run("Bearer jwt-alice", chain);

        assertThat(Caller.of((jakarta.servlet.http.HttpServletRequest) chain.getRequest())).contains(OTHER);
    }

    @Test
    void refusesABlankAdminToken() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AdminTokenAuthenticator(" "));
    }
}
