package io.berth.cli;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The client side of the exec WebSocket's framing (docs/api.md#exec): each binary message starts with its channel —
 * 1 stdout, 2 stderr, 3 the status JSON, last. Output is decoded as UTF-8 across message boundaries (a character may
 * be split between two messages). {@link #status()} completes with the status, or exceptionally when the connection
 * ended without one.
 */
final class ExecChannels implements WebSocket.Listener {

    static final byte STDIN = 0;
    static final byte STDOUT = 1;
    static final byte STDERR = 2;
    static final byte STATUS = 3;
    static final byte RESIZE = 4;

    /** How the remote command ended: its exit code, or why the session ended without one. */
    record Status(Integer exitCode, String reason) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Utf8Output out;
    private final Utf8Output err;
    private final CompletableFuture<Status> status = new CompletableFuture<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    ExecChannels(PrintWriter out, PrintWriter err) {
        this.out = new Utf8Output(out);
        this.err = new Utf8Output(err);
    }

    CompletableFuture<Status> status() {
        return status;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.writeBytes(bytes);
        if (last) {
            byte[] message = partial.toByteArray();
            partial.reset();
            accept(message);
        }
        webSocket.request(1);
        return null;
    }

    void accept(byte[] message) {
        if (message.length == 0) {
            return;
        }
        ByteBuffer payload = ByteBuffer.wrap(message, 1, message.length - 1);
        switch (message[0]) {
            case STDOUT -> out.write(payload);
            case STDERR -> err.write(payload);
            case STATUS -> {
                JsonNode node = JSON.readTree(new String(message, 1, message.length - 1, StandardCharsets.UTF_8));
                JsonNode code = node.get("exitCode");
                JsonNode reason = node.get("reason");
                status.complete(new Status(code == null || !code.isNumber() ? null : code.asInt(),
                        reason == null ? null : reason.asString()));
            }
            default -> { } // a channel of a later version: ignored
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        status.completeExceptionally(new CliException(ExitCodes.API_ERROR, "the exec session ended without an exit "
                + "status (close " + statusCode + (reason == null || reason.isBlank() ? "" : ": " + reason) + ")"));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        status.completeExceptionally(new CliException(ExitCodes.UNREACHABLE, "the exec session broke off: "
                + error.getMessage(), java.util.List.of(), error));
    }

    /** One output channel as text: the bytes of a character split between two messages wait for the second. */
    private static final class Utf8Output {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final PrintWriter to;
        private byte[] leftover = new byte[0];

        Utf8Output(PrintWriter to) {
            this.to = to;
        }

        void write(ByteBuffer bytes) {
            ByteBuffer in = ByteBuffer.allocate(leftover.length + bytes.remaining()).put(leftover).put(bytes).flip();
            CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
            decoder.decode(in, chars, false);
            leftover = new byte[in.remaining()];
            in.get(leftover);
            to.append(chars.flip());
            to.flush();
        }
    }

    /** A message on {@code channel}. */
    static ByteBuffer frame(byte channel, byte[] payload, int length) {
        ByteBuffer frame = ByteBuffer.allocate(length + 1);
        frame.put(channel).put(payload, 0, length).flip();
        return frame;
    }
}
