package io.berth.app.audit;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** What berth.audit.retention keeps, against a fixed clock. */
class RetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void ninetyDaysKeepsEverythingFromNinetyDaysAgoOn() {
        Retention retention = new Retention(Duration.ofDays(90));

        assertThat(retention.cutoff(CLOCK)).isEqualTo(Instant.parse("2026-09-08T12:00:00Z"));
        assertThat(retention.keeps(Instant.parse("2026-09-08T12:00:00Z"), CLOCK)).isTrue();
        assertThat(retention.keeps(Instant.parse("2026-09-08T11:59:59.999999Z"), CLOCK)).isFalse();
        assertThat(retention.keeps(NOW, CLOCK)).isTrue();
    }

    @Test
    void theCutoffMovesWithTheClock() {
        Retention retention = new Retention(Duration.ofHours(1));
        Clock later = Clock.offset(CLOCK, Duration.ofMinutes(30));

        assertThat(retention.cutoff(later)).isEqualTo(NOW.minus(Duration.ofMinutes(30)));
    }

    @Test
    void aRetentionLongerThanTimeItselfDeletesNothing() {
        Retention retention = new Retention(Duration.ofDays(365L * 1_000_000));

        assertThat(retention.cutoff(CLOCK)).isEqualTo(Instant.EPOCH);
    }
}
