package io.berth.reconciler.hosts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Engine messages (as Docker 20.10 and docker-adapter word them) → stoppedReasons a user acts on. */
class LaunchFailuresTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "image web:1 not found locally and pull failed: Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io on 10.0.0.53:53: no such host"
                    + "| CannotPullContainerError: image web:1 is not on the host and its registry cannot be reached: ",
            "image web:1 not found locally and pull failed: manifest for web:1 not found: manifest unknown: manifest unknown"
                    + "| CannotPullContainerError: image web:1 was not found: ",
            "pull of web:1 failed: Head \"https://r.example/v2/web/manifests/1\": unauthorized: authentication required"
                    + "| CannotPullContainerError: the registry refused the credentials for web:1 (registry authentication failed): ",
            "pull of web:1 failed: pull access denied for web, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"
                    + "| CannotPullContainerError: image web:1 was not found, or its registry requires credentials: ",
            "pull of web:1 failed: toomanyrequests: rate limit"
                    + "| CannotPullContainerError: image web:1 could not be pulled: pull of web:1 failed: toomanyrequests",
    })
    void pullFailures(String engineMessage, String expectedStart) {
        assertThat(LaunchFailures.cannotPull("web:1", engineMessage)).startsWith(expectedStart.strip());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "start 21d9b5 on unix:///var/run/docker.sock: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"/no/such/binary\": stat /no/such/binary: no such file or directory: unknown (HTTP 400)"
                    + "| CannotStartContainerError: command not found in the image: \"/no/such/binary\" (no such file or directory)",
            "start 21d9b5 on unix:///var/run/docker.sock: OCI runtime create failed: container_linux.go:380: starting container process caused: exec: \"migrate\": executable file not found in $PATH: unknown (HTTP 400)"
                    + "| CannotStartContainerError: command not found in the image: \"migrate\" (executable file not found in $PATH)",
            "start 21d9b5 on unix:///var/run/docker.sock: OCI runtime create failed: exec: \"/etc/passwd\": permission denied: unknown (HTTP 400)"
                    + "| CannotStartContainerError: command is not executable: \"/etc/passwd\" (permission denied)",
            "start 010a00 on tcp://198.18.0.11:2376: driver failed programming external connectivity on endpoint berth-x (d8ac): Bind for 0.0.0.0:32893 failed: port is already allocated (HTTP 500)"
                    + "| CannotStartContainerError: host port 32893 is already in use on the host (0.0.0.0:32893 is allocated to another container)",
            "start 010a00 on unix:///var/run/docker.sock: driver failed programming external connectivity on endpoint x: Error starting userland proxy: listen tcp4 0.0.0.0:8080: bind: address already in use (HTTP 500)"
                    + "| CannotStartContainerError: host port 8080 is already in use on the host (another process listens on it)",
            "start 010a00 on unix:///var/run/docker.sock: something else entirely (HTTP 500)"
                    + "| CannotStartContainerError: something else entirely",
    })
    void startFailures(String engineMessage, String expected) {
        assertThat(LaunchFailures.cannotStart(engineMessage)).isEqualTo(expected.strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {"NULL", "'  '"})
    void noMessageStillSaysSomething(String engineMessage) {
        assertThat(LaunchFailures.cannotCreate(engineMessage)).isEqualTo("CannotCreateContainerError: the engine gave no reason");
    }
}
