package io.berth.app.console;

import io.berth.docker.LogChunk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a container's output, as the engine sends it (frames that need not end at a line break, stdout and stderr
 * interleaved), into whole lines, each with its stream and the engine's timestamp of its write. A line longer than
 * {@code maxLineBytes} is cut there: one runaway line cannot hold unbounded memory. Not thread-safe: one per stream.
 */
final class LogLines {

    /**
     * @param stderr from stderr, else stdout
     * @param time   when the engine received the line; null when it carried no readable timestamp
     */
    record Line(boolean stderr, Instant time, String text) {
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final int maxLineBytes;

    LogLines(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /** The lines this chunk completes, in order; a trailing partial line waits for the next chunk of its stream. */
    List<Line> accept(LogChunk chunk) {
        ByteArrayOutputStream pending = chunk.stderr() ? err : out;
        List<Line> lines = new ArrayList<>();
        for (byte b : chunk.bytes()) {
            if (b == '\n') {
                lines.add(line(chunk.stderr(), pending));
            } else if (pending.size() < maxLineBytes) {
                pending.write(b);
            } else {
                lines.add(line(chunk.stderr(), pending));
                pending.write(b);
            }
        }
        return lines;
    }

    /** What is left when the stream ends: a last line without a line break. */
    List<Line> rest() {
        List<Line> lines = new ArrayList<>();
        if (out.size() > 0) {
            lines.add(line(false, out));
        }
        if (err.size() > 0) {
            lines.add(line(true, err));
        }
        return lines;
    }

    private static Line line(boolean stderr, ByteArrayOutputStream pending) {
        String raw = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        if (raw.endsWith("\r")) {
            raw = raw.substring(0, raw.length() - 1);
        }
        return parse(stderr, raw);
    }

    /** Splits the engine's "2026-12-08T00:01:07.123456789Z " prefix (asked for with timestamps) from the text. */
    static Line parse(boolean stderr, String raw) {
        int space = raw.indexOf(' ');
        if (space > 0 && space <= 40) {
            try {
                return new Line(stderr, Instant.parse(raw.substring(0, space)), raw.substring(space + 1));
            } catch (DateTimeParseException e) {
                // not a timestamp: the whole line is text
            }
        }
        return new Line(stderr, null, raw);
    }
}
