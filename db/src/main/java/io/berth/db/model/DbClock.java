package io.berth.db.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** PostgreSQL keeps microseconds: truncating here makes a saved Instant equal to the one read back. */
final class DbClock {
    private DbClock() {
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
