package io.berth.app.audit;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes the request body (SHA-256) as the handler reads it: nothing is buffered, so the audit trail costs no memory
 * per request whatever the body's size (which {@code berth.api.max-body-size} caps anyway). The body itself is never
 * kept: it may carry secrets.
 */
final class HashingRequest extends HttpServletRequestWrapper {

    private final MessageDigest digest = sha256();
    private HashingStream stream;

    HashingRequest(HttpServletRequest request) {
        super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new HashingStream(super.getInputStream(), digest);
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    /**
     * The hex SHA-256 of the whole body, reading what the handler left unread (at most {@code limit} more bytes);
     * null when there was no body, or the rest was not read to its end within the limit.
     *
     * @param readRest false leaves an unread body unread (a caller that proved no identity gets nothing read)
     */
    String sha256Hex(boolean readRest, long limit) {
        try {
            if (stream == null) {
                if (!readRest || getContentLengthLong() == 0 || getContentLengthLong() > limit) {
                    return null;
                }
                getInputStream();
            }
            if (!stream.ended) {
                if (!readRest || !stream.drain(limit)) {
                    return null;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null; // the body was cut off or was too large: there is no whole body to name
        }
        return stream.count == 0 ? null : HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static final class HashingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final MessageDigest digest;
        private long count;
        private boolean ended;

        HashingStream(ServletInputStream in, MessageDigest digest) {
            this.in = in;
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                ended = true;
            } else {
                digest.update((byte) b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                ended = true;
            } else {
                digest.update(buffer, offset, n);
                count += n;
            }
            return n;
        }

        /** Reads to the end unless that is more than {@code limit} bytes in all; true when the end was reached. */
        boolean drain(long limit) throws IOException {
            byte[] buffer = new byte[8192];
            while (!ended) {
                if (count > limit) {
                    return false;
                }
                read(buffer, 0, buffer.length);
            }
            return count <= limit;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
