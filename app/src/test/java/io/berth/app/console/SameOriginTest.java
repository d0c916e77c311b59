package io.berth.app.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SameOriginTest {

    @Test
    void theConsolesOwnOriginMatches() {
        assertThat(SameOrigin.matches("http://localhost:8080", "localhost:8080")).isTrue();
        // behind a proxy that ends TLS: the page is https, the request arrives as http with the same Host
        assertThat(SameOrigin.matches("https://berth.example.com", "berth.example.com")).isTrue();
        assertThat(SameOrigin.matches("https://Berth.Example.com:443", "berth.example.com")).isTrue();
        assertThat(SameOrigin.matches("http://[::1]:9000", "[::1]:9000")).isTrue();
    }

    @Test
    void anotherSitePortOrSchemeIsRefused() {
        assertThat(SameOrigin.matches("http://evil.example", "localhost:8080")).isFalse();
        assertThat(SameOrigin.matches("http://localhost:8081", "localhost:8080")).isFalse();
        assertThat(SameOrigin.matches("http://localhost:443", "localhost")).isFalse();
        assertThat(SameOrigin.matches("http://localhost.evil.example:8080", "localhost:8080")).isFalse();
    }

    @Test
    void aMissingOrMalformedOriginIsRefused() {
        assertThat(SameOrigin.matches(null, "localhost:8080")).isFalse();
        assertThat(SameOrigin.matches("null", "localhost:8080")).isFalse();
        assertThat(SameOrigin.matches("", "localhost:8080")).isFalse();
        assertThat(SameOrigin.matches("file://", "localhost:8080")).isFalse();
        assertThat(SameOrigin.matches("http://localhost:8080/path", "localhost:8080")).isFalse();
        assertThat(SameOrigin.matches("http://user@localhost:8080", "localhost:8080")).isFalse();
        assertThat(SameOrigin.matches("http://localhost:8080", null)).isFalse();
    }
}
