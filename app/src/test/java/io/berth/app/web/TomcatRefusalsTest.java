package io.berth.app.web;

import io.berth.app.BerthContextTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests Tomcat refuses before Spring sees them (here: a request line or a header past
 * server.max-http-request-header-size) are answered with the API's JSON error, like every other error — not with
 * Tomcat's HTML page, which a client of a JSON API cannot read.
 */
class TomcatRefusalsTest extends BerthContextTest {

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aRequestLineLargerThanTheHeaderLimitGetsAJsonError() throws Exception {
        assertJson400(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/watch?since=" + "y".repeat(10_000))));
    }

    @Test
    void aHeaderLargerThanTheHeaderLimitGetsAJsonError() throws Exception {
        assertJson400(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/clusters"))
                .header("X-Padding", "p".repeat(10_000)));
    }

    private void assertJson400(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.header("Authorization", BEARER)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = JsonMapper.builder().build().readTree(response.body());
        assertThat(error.path("status").asInt()).isEqualTo(400);
        assertThat(error.path("message").asString()).contains("server.max-http-request-header-size");
        assertThat(error.path("errors").isArray()).isTrue();
    }
}
