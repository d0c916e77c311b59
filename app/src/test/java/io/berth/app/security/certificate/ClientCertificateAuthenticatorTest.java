package io.berth.app.security.certificate;

import io.berth.app.security.identity.BadCredentialsException;
import io.berth.app.security.identity.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The certificate the container verified, as a request attribute, to a caller; the mapping's settings checks. */
class ClientCertificateAuthenticatorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final X509Certificate CI_RUNNER = TestClientCertificates.client("ci-runner");
    private static final X509Certificate STRANGER = TestClientCertificates.client("stranger");

    private final ClientCertificateAuthenticator authenticator = new ClientCertificateAuthenticator(
            SubjectMapping.of(Map.of("CN=ci-runner, O=berth", List.of("deployer")),
                    Map.of("CN=ci-runner,O=berth", List.of("prod", "staging"))), CLOCK);

    private static MockHttpServletRequest presenting(X509Certificate... chain) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/clusters");
        request.setAttribute(ClientCertificateAuthenticator.ATTRIBUTE, chain);
        return request;
    }

    @Test
    void aMappedSubjectIsTheCallerWithItsRolesAndClusters() {
        Caller caller = authenticator.authenticate(presenting(CI_RUNNER)).orElseThrow();

        assertThat(caller.name()).isEqualTo("cert:CN=ci-runner,O=berth");
        assertThat(caller.source()).isEqualTo(Caller.Source.CERTIFICATE);
        assertThat(caller.roles()).containsExactly("deployer");
        assertThat(caller.clusters()).containsExactlyInAnyOrder("prod", "staging");
    }

    @Test
    void aSubjectWithoutClustersMayActOnEveryCluster() {
        ClientCertificateAuthenticator unlimited = new ClientCertificateAuthenticator(
                SubjectMapping.of(Map.of("CN=ci-runner,O=berth", List.of("viewer", "deployer")), Map.of()), CLOCK);

        Caller caller = unlimited.authenticate(presenting(CI_RUNNER)).orElseThrow();

        assertThat(caller.roles()).containsExactlyInAnyOrder("viewer", "deployer");
        assertThat(caller.allClusters()).isTrue();
    }

    @Test
    void anUnmappedSubjectIsRefusedNamingIt() {
        assertThatThrownBy(() -> authenticator.authenticate(presenting(STRANGER)))
                .isInstanceOf(BadCredentialsException.class)
                .hasMessageContaining("'CN=stranger,O=berth' is not mapped");
    }

    @Test
    void withoutACertificateTheRequestIsLeftToOthers() {
        assertThat(authenticator.authenticate(new MockHttpServletRequest("GET", "/v1/clusters"))).isEmpty();
        assertThat(authenticator.authenticate(presenting())).isEmpty();
    }

    @Test
    void anExpiredCertificateIsRefused() {
        ClientCertificateAuthenticator later = new ClientCertificateAuthenticator(
                SubjectMapping.of(Map.of("CN=ci-runner,O=berth", List.of("deployer")), Map.of()),
                Clock.fixed(CI_RUNNER.getNotAfter().toInstant().plusSeconds(1), ZoneOffset.UTC));

        assertThatThrownBy(() -> later.authenticate(presenting(CI_RUNNER)))
                .isInstanceOf(BadCredentialsException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aSubjectTheSettingsBinderMangledStopsTheStart() {
        // What "CN=ci-runner,O=berth" becomes as a map key without brackets.
        assertThatThrownBy(() -> SubjectMapping.of(Map.of("CNci-runnerOberth", List.of("deployer")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("berth.security.client-certificates.subjects")
                .hasMessageContaining("[CN=ci-runner,O=berth]");
    }

    @Test
    void clustersForAnUnmappedSubjectOrNoRolesStopTheStart() {
        assertThatThrownBy(() -> SubjectMapping.of(Map.of("CN=ci-runner,O=berth", List.of("deployer")),
                Map.of("CN=other,O=berth", List.of("prod"))))
                .hasMessageContaining("subject-clusters: 'CN=other,O=berth' has no");
        assertThatThrownBy(() -> SubjectMapping.of(Map.of("CN=ci-runner,O=berth", List.of()), Map.of()))
                .hasMessageContaining("name at least one role");
    }
}
