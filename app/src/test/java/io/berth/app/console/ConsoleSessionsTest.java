package io.berth.app.console;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Console sessions: random references, idle expiry, least-recently-used eviction past the cap, and uptimes. */
class ConsoleSessionsTest {

    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final ConsoleSessions sessions = new ConsoleSessions(new SecureRandom(), clock, Duration.ofMinutes(30), 2);

    @Test
    void aSessionIsAReferenceThatEndsWhenIdleTooLongOrRemoved() {
        ConsoleSessions.Session s = sessions.create("berth_secret-token");
        assertThat(s.id()).hasSize(43).doesNotContain("berth_secret-token").isNotEqualTo(s.csrf());
        assertThat(s.toString()).doesNotContain("berth_secret-token");

        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertThat(sessions.find(s.id())).contains(s); // and marks it used now
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertThat(sessions.alive(s.id())).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(sessions.find(s.id())).isEmpty();
        assertThat(sessions.alive(s.id())).isFalse();

        ConsoleSessions.Session t = sessions.create("other");
        sessions.remove(t.id());
        assertThat(sessions.find(t.id())).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("")).isEmpty();
    }

    @Test
    void pastTheCapTheLeastRecentlyUsedSessionEnds() {
        ConsoleSessions.Session a = sessions.create("a");
        clock.now = clock.now.plusSeconds(1);
        ConsoleSessions.Session b = sessions.create("b");
        clock.now = clock.now.plusSeconds(1);
        sessions.find(a.id()); // a is now used more recently than b
        clock.now = clock.now.plusSeconds(1);
        ConsoleSessions.Session c = sessions.create("c");
        assertThat(sessions.size()).isEqualTo(2);
        assertThat(sessions.find(b.id())).isEmpty();
        assertThat(sessions.find(a.id())).isPresent();
        assertThat(sessions.find(c.id())).isPresent();
    }

    @Test
    void csrfValuesCompareExactly() {
        assertThat(ConsoleSessions.same("abc", "abc")).isTrue();
        assertThat(ConsoleSessions.same("abc", "abd")).isFalse();
        assertThat(ConsoleSessions.same("abc", null)).isFalse();
        assertThat(ConsoleSessions.same(null, null)).isFalse();
    }

    @Test
    void uptimesShowTwoUnitsAtMost() {
        assertThat(TaskRow.duration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(TaskRow.duration(Duration.ofSeconds(192))).isEqualTo("3m 12s");
        assertThat(TaskRow.duration(Duration.ofMinutes(125))).isEqualTo("2h 5m");
        assertThat(TaskRow.duration(Duration.ofHours(76))).isEqualTo("3d 4h");
        assertThat(TaskRow.duration(Duration.ofSeconds(-3))).isEqualTo("0s");
    }
}
