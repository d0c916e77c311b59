package io.berth.app.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The framing of an exec session's WebSocket, as Kubernetes' {@code v4.channel.k8s.io}: every message is binary and
 * starts with one byte naming its channel. Client to server: {@link #STDIN} (bytes for the command's stdin) and
 * {@link #RESIZE} ({@code {"Width":132,"Height":43}}). Server to client: {@link #STDOUT}, {@link #STDERR}, and last
 * {@link #STATUS}, one JSON object ({@code {"status":"Success","exitCode":0}}, {@code {"status":"Failure",
 * "exitCode":3}}, or without exitCode and with a {@code reason} when the session ended before the command).
 * Pure: the handler does the I/O.
 */
final class ExecFrames {

    static final byte STDIN = 0;
    static final byte STDOUT = 1;
    static final byte STDERR = 2;
    static final byte STATUS = 3;
    static final byte RESIZE = 4;
    /** The subprotocol a client may ask for; the framing is the same without it. */
    static final String PROTOCOL = "v4.channel.k8s.io";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ExecFrames() {
    }

    /** A message of the client, split into channel and payload. */
    record Incoming(byte channel, byte[] payload) {
    }

    /** A terminal size asked for by a resize message. */
    record Size(int width, int height) {
    }

    static byte[] frame(byte channel, byte[] payload) {
        byte[] out = new byte[payload.length + 1];
        out[0] = channel;
        System.arraycopy(payload, 0, out, 1, payload.length);
        return out;
    }

    static byte[] status(Integer exitCode, String reason) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", exitCode != null && exitCode == 0 ? "Success" : "Failure");
        if (exitCode != null) {
            status.put("exitCode", exitCode);
        }
        if (reason != null) {
            status.put("reason", reason);
        }
        return frame(STATUS, JSON.writeValueAsBytes(status));
    }

    /** @throws IllegalArgumentException for an empty message or a channel a client may not send on */
    static Incoming parse(ByteBuffer message) {
        if (!message.hasRemaining()) {
            throw new IllegalArgumentException("an empty message: every message starts with its channel byte");
        }
        byte channel = message.get();
        if (channel != STDIN && channel != RESIZE) {
            throw new IllegalArgumentException("channel " + channel + " is not for clients: send 0 (stdin) or 4 (resize)");
        }
        byte[] payload = new byte[message.remaining()];
        message.get(payload);
        return new Incoming(channel, payload);
    }

    /** @throws IllegalArgumentException naming the field when the size is not {"Width":1..10000,"Height":1..10000} */
    static Size size(byte[] payload) {
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a resize must be JSON {\"Width\":W,\"Height\":H}, got "
                    + Arrays.toString(Arrays.copyOf(payload, Math.min(payload.length, 40))));
        }
        return new Size(dimension(node, "Width"), dimension(node, "Height"));
    }

    private static int dimension(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > 10_000) {
            throw new IllegalArgumentException("resize field " + field + " must be a whole number from 1 to 10000");
        }
        return value.asInt();
    }
}
