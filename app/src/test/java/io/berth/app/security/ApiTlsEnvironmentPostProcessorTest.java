package io.berth.app.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTlsEnvironmentPostProcessorTest {

    private final ApiTlsEnvironmentPostProcessor processor = new ApiTlsEnvironmentPostProcessor();

    @Test
    void mapsTheTwoPemFilesToTheServersSslBundle() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("berth.api.tls.certificate", "/etc/berth/cert.pem")
                .withProperty("berth.api.tls.private-key", "classpath:tls/key.pem");
        processor.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty("spring.ssl.bundle.pem.berth.keystore.certificate")).isEqualTo("file:/etc/berth/cert.pem");
        assertThat(env.getProperty("spring.ssl.bundle.pem.berth.keystore.private-key")).isEqualTo("classpath:tls/key.pem");
        assertThat(env.getProperty("server.ssl.bundle")).isEqualTo("berth");
    }

    @Test
    void aClientCaAsksClientsForACertificateWithoutRequiringOne() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("berth.api.tls.certificate", "/etc/berth/cert.pem")
                .withProperty("berth.api.tls.private-key", "/etc/berth/key.pem")
                .withProperty("berth.api.tls.client-ca", "/etc/berth/client-ca.pem");
        processor.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty("spring.ssl.bundle.pem.berth.truststore.certificate"))
                .isEqualTo("file:/etc/berth/client-ca.pem");
        assertThat(env.getProperty("server.ssl.client-auth")).isEqualTo("want");
    }

    @Test
    void withoutAClientCaNoClientCertificateIsAskedFor() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("berth.api.tls.certificate", "/etc/berth/cert.pem")
                .withProperty("berth.api.tls.private-key", "/etc/berth/key.pem");
        processor.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.containsProperty("server.ssl.client-auth")).isFalse();
        assertThat(env.containsProperty("spring.ssl.bundle.pem.berth.truststore.certificate")).isFalse();
    }

    @Test
    void aClientCaWithoutHttpsNamesWhatIsMissing() {
        MockEnvironment env = new MockEnvironment().withProperty("berth.api.tls.client-ca", "/etc/berth/ca.pem");

        assertThatThrownBy(() -> processor.postProcessEnvironment(env, new SpringApplication()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("berth.api.tls.certificate");
    }

    @Test
    void withoutThemTheApiStaysPlainHttp() {
        MockEnvironment env = new MockEnvironment().withProperty("berth.api.tls.certificate", " ");
        processor.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.containsProperty("server.ssl.bundle")).isFalse();
    }

    @Test
    void oneWithoutTheOtherNamesTheMissingSetting() {
        MockEnvironment env = new MockEnvironment().withProperty("berth.api.tls.certificate", "/etc/berth/cert.pem");

        assertThatThrownBy(() -> processor.postProcessEnvironment(env, new SpringApplication()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("berth.api.tls.private-key (BERTH_API_TLS_PRIVATE_KEY) is not set");
    }

    @Test
    void refusesToCompeteWithServerSsl() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("berth.api.tls.certificate", "/c.pem").withProperty("berth.api.tls.private-key", "/k.pem")
                .withProperty("server.ssl.bundle", "mine");

        assertThatThrownBy(() -> processor.postProcessEnvironment(env, new SpringApplication()))
                .hasMessageContaining("set only one");
    }
}
