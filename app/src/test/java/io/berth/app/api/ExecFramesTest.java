package io.berth.app.api;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exec WebSocket's framing: one channel byte, then the payload; the status and resize JSON. */
class ExecFramesTest {

    @Test
    void aFrameIsItsChannelByteThenThePayload() {
        byte[] frame = ExecFrames.frame(ExecFrames.STDERR, "oops\n".getBytes(StandardCharsets.UTF_8));

        assertThat(frame[0]).isEqualTo((byte) 2);
        assertThat(new String(frame, 1, frame.length - 1, StandardCharsets.UTF_8)).isEqualTo("oops\n");
    }

    @Test
    void theStatusSaysSuccessOnlyForExitCodeZeroAndAReasonWhenThereIsNoExitCode() {
        assertThat(json(ExecFrames.status(0, null))).isEqualTo("{\"status\":\"Success\",\"exitCode\":0}");
        assertThat(json(ExecFrames.status(3, null))).isEqualTo("{\"status\":\"Failure\",\"exitCode\":3}");
        assertThat(json(ExecFrames.status(null, "idle limit PT15M")))
                .isEqualTo("{\"status\":\"Failure\",\"reason\":\"idle limit PT15M\"}");
        assertThat(ExecFrames.status(0, null)[0]).isEqualTo(ExecFrames.STATUS);
    }

    @Test
    void clientsSendStdinAndResizeOnly() {
        ExecFrames.Incoming in = ExecFrames.parse(ByteBuffer.wrap(new byte[]{0, 'l', 's', '\n'}));
        assertThat(in.channel()).isEqualTo(ExecFrames.STDIN);
        assertThat(new String(in.payload(), StandardCharsets.UTF_8)).isEqualTo("ls\n");
        assertThat(ExecFrames.parse(ByteBuffer.wrap(new byte[]{4})).channel()).isEqualTo(ExecFrames.RESIZE);

        assertThatThrownBy(() -> ExecFrames.parse(ByteBuffer.wrap(new byte[0])))
                .hasMessageContaining("channel byte");
        assertThatThrownBy(() -> ExecFrames.parse(ByteBuffer.wrap(new byte[]{1, 'x'})))
                .hasMessageContaining("channel 1 is not for clients");
        assertThatThrownBy(() -> ExecFrames.parse(ByteBuffer.wrap(new byte[]{3})))
                .hasMessageContaining("channel 3 is not for clients");
    }

    @Test
    void aResizeIsKubernetesTerminalSizeJson() {
        assertThat(ExecFrames.size(bytes("{\"Width\":132,\"Height\":43}"))).isEqualTo(new ExecFrames.Size(132, 43));

        assertThatThrownBy(() -> ExecFrames.size(bytes("{\"Width\":0,\"Height\":43}"))).hasMessageContaining("Width");
        assertThatThrownBy(() -> ExecFrames.size(bytes("{\"Width\":80}"))).hasMessageContaining("Height");
        assertThatThrownBy(() -> ExecFrames.size(bytes("{\"Width\":\"80\",\"Height\":24}"))).hasMessageContaining("Width");
        assertThatThrownBy(() -> ExecFrames.size(bytes("80x24"))).hasMessageContaining("JSON");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String json(byte[] frame) {
        return new String(frame, 1, frame.length - 1, StandardCharsets.UTF_8);
    }
}
