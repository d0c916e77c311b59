package io.berth.app.controlloop;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lease connection's bounds, the renew deadline's setting, and the end of exiting over a lost lease. */
class LeaseConnectionsTest {

    @Test
    void aStalledLeaseConnectionFailsWithinAThirdOfTheDeadline() {
        Properties p = LeaseConnections.properties("berth", "secret", Duration.ofSeconds(15));

        assertThat(p).containsEntry("user", "berth").containsEntry("password", "secret")
                .containsEntry("connectTimeout", "5").containsEntry("socketTimeout", "5")
                .containsEntry("tcpKeepAlive", "true");
        assertThat(p.getProperty("options")).isEqualTo("-c tcp_keepalives_idle=15 -c tcp_keepalives_interval=5 "
                + "-c tcp_keepalives_count=3 -c tcp_user_timeout=30000");
    }

    @Test
    void aShortDeadlineStillGivesWholeSecondsOfAtLeastOne() {
        Properties p = LeaseConnections.properties(null, null, Duration.ofMillis(1500));

        assertThat(p).doesNotContainKey("user").doesNotContainKey("password")
                .containsEntry("socketTimeout", "1").containsEntry("connectTimeout", "1");
    }

    @Test
    void theRenewDeadlineMustBeLongerThanTheCheckInterval() {
        assertThatThrownBy(() -> properties(Duration.ofSeconds(2), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("berth.reconciler.leader-renew-deadline (PT2S)")
                .hasMessageContaining("berth.reconciler.leader-check-interval (PT2S)");
        assertThat(properties(null, null).leaderRenewDeadline()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void noControlLoopClassExitsTheProcess() {
        noClasses().that().resideInAPackage("io.berth.app.controlloop..")
                .should().callMethod(System.class, "exit", int.class)
                .because("a leader that loses its lease steps down and stands by; the API stays up")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.berth.app.controlloop"));
    }

    private static ControlLoopProperties properties(Duration checkInterval, Duration renewDeadline) {
        return new ControlLoopProperties(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, checkInterval, renewDeadline, null, null);
    }
}
