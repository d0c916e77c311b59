package io.berth.app.console;

import io.berth.docker.LogChunk;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogLinesTest {

    private static LogChunk out(String text) {
        return new LogChunk(false, text.getBytes(StandardCharsets.UTF_8));
    }

    private static LogChunk err(String text) {
        return new LogChunk(true, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void linesSplitAcrossChunksAreJoinedPerStreamWithTheirTimestamps() {
        LogLines cutter = new LogLines(1024);
        assertThat(cutter.accept(out("2026-12-08T00:01:07.123456789Z hel"))).isEmpty();
        assertThat(cutter.accept(err("2026-12-08T00:01:07.2Z oops\n"))).containsExactly(
                new LogLines.Line(true, Instant.parse("2026-12-08T00:01:07.2Z"), "oops"));
        assertThat(cutter.accept(out("lo\r\n2026-12-08T00:01:08Z <b>x</b>\n2026-12-08T00:01:09Z tail"))).containsExactly(
                new LogLines.Line(false, Instant.parse("2026-12-08T00:01:07.123456789Z"), "hello"),
                new LogLines.Line(false, Instant.parse("2026-12-08T00:01:08Z"), "<b>x</b>"));
        assertThat(cutter.rest()).containsExactly(new LogLines.Line(false, Instant.parse("2026-12-08T00:01:09Z"), "tail"));
        assertThat(cutter.rest()).isEmpty();
    }

    @Test
    void aLineWithoutATimestampIsAllText() {
        assertThat(LogLines.parse(false, "plain words here")).isEqualTo(new LogLines.Line(false, null, "plain words here"));
        assertThat(LogLines.parse(false, "")).isEqualTo(new LogLines.Line(false, null, ""));
    }

    @Test
    void aRunawayLineIsCutAtTheBound() {
        LogLines cutter = new LogLines(4);
        List<LogLines.Line> lines = cutter.accept(out("abcdefghij\n"));
        assertThat(lines).extracting(LogLines.Line::text).containsExactly("abcd", "efgh", "ij");
    }
}
