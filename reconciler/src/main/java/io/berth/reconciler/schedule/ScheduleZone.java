package io.berth.reconciler.schedule;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The time zone a schedule's wall-clock times are in: an IANA name such as Europe/Berlin; UTC when not given. */
public final class ScheduleZone {

    public static final ZoneId DEFAULT = ZoneOffset.UTC;

    /** IANA names are short; a bound keeps error messages short too. */
    static final int MAX_LENGTH = 64;

    private ScheduleZone() {
    }

    /** The zone of this name (null or blank: UTC); {@link InvalidScheduleException} saying why when unknown. */
    public static ZoneId parse(String name) {
        if (name == null || name.isBlank()) {
            return DEFAULT;
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidScheduleException("must be at most " + MAX_LENGTH + " characters, got " + name.length());
        }
        try {
            return ZoneId.of(name.strip());
        } catch (DateTimeException e) {
            throw new InvalidScheduleException("is not a known IANA time zone (such as UTC, Europe/Berlin or"
                    + " America/Los_Angeles): " + name.strip());
        }
    }

    /** Null when the name is a zone (or absent), else why not. */
    public static String problem(String name) {
        try {
            parse(name);
            return null;
        } catch (InvalidScheduleException e) {
            return e.getMessage();
        }
    }
}
