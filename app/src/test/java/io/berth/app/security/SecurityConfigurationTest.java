package io.berth.app.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which paths take the admin token: the API always, metrics and API docs unless configured open. */
class SecurityConfigurationTest {

    @Test
    void byDefaultTheApiTheMetricsAndTheDocsTakeTheToken() {
        assertThat(SecurityConfiguration.protectedPatterns(new ApiProperties(false, false, null)))
                .containsExactly("/v1/*", "/actuator/prometheus", "/v3/api-docs/*", "/swagger-ui/*", "/swagger-ui.html");
    }

    @Test
    void openMetricsAndOpenDocsLeaveOnlyTheApi() {
        assertThat(SecurityConfiguration.protectedPatterns(new ApiProperties(true, false, null)))
                .containsExactly("/v1/*", "/v3/api-docs/*", "/swagger-ui/*", "/swagger-ui.html");
        assertThat(SecurityConfiguration.protectedPatterns(new ApiProperties(false, true, null)))
                .containsExactly("/v1/*", "/actuator/prometheus");
        assertThat(SecurityConfiguration.protectedPatterns(new ApiProperties(true, true, null)))
                .containsExactly("/v1/*");
    }
}
