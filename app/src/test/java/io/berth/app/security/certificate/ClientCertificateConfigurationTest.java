package io.berth.app.security.certificate;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** No subject mapped, no authenticator; a subject written without brackets stops the start with the fix. */
class ClientCertificateConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ClientCertificateProperties.class)
    static class Settings {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, ClientCertificateConfiguration.class);

    @Test
    void withoutSubjectsThereIsNoAuthenticator() {
        runner.run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(ClientCertificateAuthenticator.class));
    }

    @Test
    void aSubjectInBracketsTurnsItOn() {
        // As a YAML file gives them ("[CN=ci-runner,O=berth]": deployer); withPropertyValues would split at '='.
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new MapPropertySource("yaml", Map.of(
                                "berth.security.client-certificates.subjects[CN=ci-runner,O=berth]", "deployer",
                                "berth.security.client-certificates.subject-clusters[CN=ci-runner,O=berth]", "prod"))))
                .run(context -> {
                    assertThat(context).hasSingleBean(ClientCertificateAuthenticator.class);
                    assertThat(context.getBean(ClientCertificateProperties.class).subjects())
                            .containsKey("CN=ci-runner,O=berth");
                });
    }

    @Test
    void aSubjectWithoutBracketsStopsTheStart() {
        runner.withPropertyValues("berth.security.client-certificates.subjects.CN=ci-runner=deployer")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("berth.security.client-certificates.subjects"));
    }
}
