package io.berth.reconciler.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryScopeTest {

    @ParameterizedTest(name = "{0} with a credential for {1}: sent = {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            busybox:1.36                              | docker.io                         | true
            busybox                                   | NULL                              | true
            library/busybox:1.36                      | https://index.docker.io/v1/       | true
            team/app:2                                | registry-1.docker.io              | true
            docker.io/team/app                        | index.docker.io                   | true
            registry.example:5000/app:1               | registry.example:5000             | true
            Registry.Example:5000/app@sha256:abc      | https://registry.example:5000/v2/ | true
            localhost/app                             | localhost                         | true
            127.0.0.1:5391/app:1                      | 127.0.0.1:5391                    | true
            evil.example/app:1                        | registry.example:5000             | false
            registry.example:5001/app:1               | registry.example:5000             | false
            registry.example/app:1                    | registry.example:5000             | false
            busybox:1.36                              | registry.example:5000             | false
            registry.example:5000/app:1               | docker.io                         | false
            registry.example:5000.evil.example/app:1  | registry.example:5000             | false
            team/app:2                                | team                              | false
            """)
    void aCredentialIsSentOnlyToItsOwnRegistry(String image, String serverAddress, boolean sent) {
        RegistryCredential credential = new RegistryCredential("private", serverAddress, "bot", "pw");

        assertThat(RegistryScope.mismatch(credential, image).isEmpty()).isEqualTo(sent);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            busybox:1.36                  | docker.io
            quay.io/team/app:1            | quay.io
            localhost:5000/app            | localhost:5000
            team/app                      | docker.io
            """)
    void theRegistryOfAnImage(String image, String registry) {
        assertThat(RegistryScope.registryOf(image)).isEqualTo(registry);
    }
}
