package io.berth.app.security.oidc;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** No provider configured, no authenticator; settings bind as documented and typos stop the start. */
class OidcConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(OidcProperties.class)
    static class Settings {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, OidcConfiguration.class);

    @Test
    void withoutAProviderThereIsNoAuthenticator() {
        runner.withPropertyValues("berth.security.oidc.issuer-uri=", "berth.security.oidc.group-roles.ci=deployer")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(OidcAuthenticator.class));
    }

    @Test
    void anIssuerTurnsItOnWithoutAskingTheProviderAtStart() {
        // Nothing listens there: the start must not depend on the provider being up.
        runner.withPropertyValues("berth.security.oidc.issuer-uri=http://127.0.0.1:9/realms/berth",
                        "berth.security.oidc.group-roles.platform-team=admin",
                        "berth.security.oidc.group-roles.ci=deployer,viewer",
                        "berth.security.oidc.group-clusters.ci=prod")
                .run(context -> {
                    assertThat(context).hasSingleBean(OidcAuthenticator.class);
                    OidcProperties properties = context.getBean(OidcProperties.class);
                    assertThat(properties.usernameClaim()).isEqualTo("sub");
                    assertThat(properties.groupsClaim()).isEqualTo("groups");
                    assertThat(properties.groupRoles().get("ci")).containsExactly("deployer", "viewer");
                    assertThat(properties.groupClusters().get("ci")).containsExactly("prod");
                    assertThat(properties.algorithms()).containsExactly("RS256");
                });
    }

    @Test
    void aKeySetAloneTurnsItOn() {
        runner.withPropertyValues("berth.security.oidc.jwk-set-uri=https://dex.example.com/dex/keys",
                        "berth.security.oidc.audience=berth")
                .run(context -> assertThat(context).hasSingleBean(OidcAuthenticator.class));
    }

    @Test
    void typosStopTheStartNamingTheSetting() {
        runner.withPropertyValues("berth.security.oidc.issuer-uri=https://id.example.com",
                        "berth.security.oidc.algorithms=HS256")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("berth.security.oidc.algorithms: 'HS256'"));
        runner.withPropertyValues("berth.security.oidc.issuer-uri=id.example.com")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("berth.security.oidc.issuer-uri: 'id.example.com'"));
        runner.withPropertyValues("berth.security.oidc.issuer-uri=https://id.example.com",
                        "berth.security.oidc.group-roles.ci=deployer", "berth.security.oidc.group-clusters.cl=prod")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("berth.security.oidc.group-clusters.cl"));
    }
}
