package io.berth.reconciler.traffic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HaproxyStatsTest {

    /** "show stat" of HAProxy 2.6.12 (Debian bookworm) with backend "g" and two servers whose checks are refused. */
    static String sample() throws IOException {
        try (InputStream in = HaproxyStatsTest.class.getResourceAsStream("show-stat-2.6.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheServersOfOneBackendFromRealOutput() throws IOException {
        Map<String, TargetHealth> servers = HaproxyStats.servers(sample(), "g");
        assertThat(servers).containsOnlyKeys("t-a", "t-b");
        assertThat(servers.get("t-a")).isEqualTo(new TargetHealth("unhealthy", "Target.FailedHealthChecks",
                "Health checks failed: L4CON Connection refused"));
        assertThat(HaproxyStats.servers(sample(), "other")).isEmpty();
    }

    @Test
    void anUpServerInTheSameOutputIsHealthy() throws IOException {
        String up = sample().replace("t-b,", "t-c,").lines()
                .map(l -> l.startsWith("g,t-c,") ? l.replace(",DOWN,", ",UP,").replace("L4CON", "L7OK")
                        .replace("Connection refused", "") : l)
                .reduce("", (a, b) -> a + b + "\n");
        assertThat(HaproxyStats.servers(up, "g").get("t-c").state()).isEqualTo("healthy");
    }

    @Test
    void outputWithoutAHeaderGivesNothing() {
        assertThat(HaproxyStats.servers("", "g")).isEmpty();
        assertThat(HaproxyStats.servers("Unknown command\n", "g")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "UP        | L7OK  | ''                 | healthy",
            "UP 1/2    | L7STS | HTTP status check returned code <3C>500<3E> | healthy",
            "UP        | INI   | ''                 | initial",
            "DOWN      | L4TOUT| ''                 | unhealthy",
            "DOWN 1/2  | L7OK  | ''                 | unhealthy",
            "MAINT     | L7OK  | ''                 | draining",
            "DRAIN     | L7OK  | ''                 | draining",
            "no check  | ''    | ''                 | unavailable"})
    void mapsHaproxyStatusToElbStates(String status, String check, String last, String state) {
        assertThat(HaproxyStats.health(status, check, last).state()).isEqualTo(state);
    }
}
