package io.berth.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI side of the exec framing: stdout and stderr apart, characters split across messages, the status last. */
class ExecChannelsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ExecChannels channels = new ExecChannels(new PrintWriter(out), new PrintWriter(err));

    private static byte[] message(int channel, byte[] payload) {
        byte[] m = new byte[payload.length + 1];
        m[0] = (byte) channel;
        System.arraycopy(payload, 0, m, 1, payload.length);
        return m;
    }

    @Test
    void stdoutAndStderrStayApartAndASplitCharacterIsJoined() {
        byte[] euro = "€\n".getBytes(StandardCharsets.UTF_8); // three bytes, then the newline

        channels.accept(message(1, "hi ".getBytes(StandardCharsets.UTF_8)));
        channels.accept(message(1, new byte[]{euro[0]}));
        channels.accept(message(2, "oops\n".getBytes(StandardCharsets.UTF_8)));
        channels.accept(message(1, new byte[]{euro[1], euro[2], euro[3]}));

        assertThat(out.toString()).isEqualTo("hi €\n");
        assertThat(err.toString()).isEqualTo("oops\n");
        assertThat(channels.status()).isNotDone();
    }

    @Test
    void theStatusCarriesTheExitCodeOrWhyThereIsNone() throws Exception {
        channels.accept(message(3, "{\"status\":\"Failure\",\"exitCode\":3}".getBytes(StandardCharsets.UTF_8)));
        assertThat(channels.status().get()).isEqualTo(new ExecChannels.Status(3, null));

        ExecChannels other = new ExecChannels(new PrintWriter(out), new PrintWriter(err));
        other.accept(message(3, "{\"status\":\"Failure\",\"reason\":\"idle limit PT15M\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(other.status().get()).isEqualTo(new ExecChannels.Status(null, "idle limit PT15M"));
    }

    @Test
    void aMessageIsItsChannelThenThePayload() {
        ByteBuffer frame = ExecChannels.frame(ExecChannels.RESIZE, "{\"Width\":80}xxx".getBytes(StandardCharsets.UTF_8), 12);

        assertThat(frame.remaining()).isEqualTo(13);
        assertThat(frame.get()).isEqualTo((byte) 4);
        assertThat(StandardCharsets.UTF_8.decode(frame).toString()).isEqualTo("{\"Width\":80}");
    }
}
