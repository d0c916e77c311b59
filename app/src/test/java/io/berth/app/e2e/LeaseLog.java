package io.berth.app.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Berth's log says about the control-loop lease: when it ran its loop (from taking the lease until the loop
 * stopped after stepping down; retrying within the renew deadline counts as running), and how often the lease changed hands.
 */
record LeaseLog(int takes, int renewing, int takenBack, int stepDowns, List<Instant[]> leading) {

    static final String TAKES = "this Berth holds the control-loop lease";
    static final String RENEWING = "the connection holding the control-loop lease failed";
    static final String TAKEN_BACK = "took the control-loop lease back";
    static final String STEPS_DOWN = "stepping down as leader";
    /** Logged once the loop's workers ended after a step-down: the loop ran until then, not until the step-down. */
    static final String LOOP_STOPPED = "control loop stopped";

    static LeaseLog of(BerthProcess berth) {
        List<String> lines;
        try {
            lines = Files.readAllLines(berth.log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int takes = 0;
        int renewing = 0;
        int back = 0;
        int down = 0;
        List<Instant[]> leading = new ArrayList<>();
        Instant since = null;
        for (String line : lines) {
            if (line.contains(TAKES)) {
                takes++;
                since = at(line);
            } else if (line.contains(RENEWING)) {
                renewing++;
            } else if (line.contains(TAKEN_BACK)) {
                back++;
            } else if (line.contains(STEPS_DOWN)) {
                down++;
                if (since != null) {
                    leading.add(new Instant[] {since, at(line)});
                    since = null;
                }
            } else if (line.contains(LOOP_STOPPED) && since == null && !leading.isEmpty()) {
                leading.getLast()[1] = at(line);
            }
        }
        if (since != null) {
            leading.add(new Instant[] {since, null}); // leading still
        }
        return new LeaseLog(takes, renewing, back, down, List.copyOf(leading));
    }

    /** The log line's timestamp (Spring Boot's format starts with it). */
    private static Instant at(String line) {
        try {
            return Instant.parse(line.substring(0, line.indexOf(' ')));
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new AssertionError("no timestamp at the start of a lease line: " + line, e);
        }
    }

    boolean leads() {
        return !leading.isEmpty() && leading.getLast()[1] == null;
    }

    /** Milliseconds during which both Berths ran their loops (goal 0: one leader at a time). */
    static long overlapMillis(LeaseLog a, LeaseLog b) {
        Instant now = Instant.now();
        long total = 0;
        for (Instant[] x : a.leading) {
            for (Instant[] y : b.leading) {
                Instant start = x[0].isAfter(y[0]) ? x[0] : y[0];
                Instant endX = x[1] == null ? now : x[1];
                Instant endY = y[1] == null ? now : y[1];
                Instant end = endX.isBefore(endY) ? endX : endY;
                if (start.isBefore(end)) {
                    total += end.toEpochMilli() - start.toEpochMilli();
                }
            }
        }
        return total;
    }

    @Override
    public String toString() {
        return (leads() ? "leading" : "standby") + " (took " + takes + ", renewing " + renewing + ", took back "
                + takenBack + ", stepped down " + stepDowns + ")";
    }
}
