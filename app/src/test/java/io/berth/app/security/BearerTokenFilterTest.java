package io.berth.app.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BearerTokenFilterTest {

    private static final String TOKEN = "s3cret-token";
    private final JsonMapper json = JsonMapper.builder().build();
    private final BearerTokenFilter filter = new BearerTokenFilter(TOKEN, json);

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
            "Bearer s3cret-token-and-more", "Bearers3cret-token", "s3cret-token"})
    void rejectsWithoutTheToken(String authorization) throws Exception {
        MockFilterChain chain = new MockFilterChain();

        MockHttpServletResponse response = run(authorization, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"berth\"");
        assertThat(response.getContentType()).startsWith("application/json");
        JsonNode body = json.readTree(response.getContentAsString());
        assertThat(body.get("status").intValue()).isEqualTo(401);
        assertThat(body.get("error").stringValue()).isEqualTo("Unauthorized");
        assertThat(body.get("message").stringValue()).contains("bearer token");
        assertThat(body.get("errors").isArray()).isTrue();
        assertThat(chain.getRequest()).as("request must not reach the API").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer s3cret-token", "bearer s3cret-token", "BEARER  s3cret-token "})
    void passesWithTheToken(String authorization) throws Exception {
        MockFilterChain chain = new MockFilterChain();

        MockHttpServletResponse response = run(authorization, chain);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(chain.getRequest()).isNotNull();
    }

    @Test
    void refusesABlankToken() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BearerTokenFilter(" ", json));
    }
}
