package io.berth.docker;

import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The stdin of an exec session as the transport reads it: chunks handed over by {@link #offer} on one side, read by
 * the transport's copy thread on the other. Not a pipe from java.io: a piped stream fails once the thread that last
 * wrote is gone, and WebSocket handlers write from pooled (or virtual) threads. Bounded: at most {@link #CAPACITY}
 * chunks wait, so a command that does not read its input slows the writer instead of filling the heap.
 */
final class ExecInput extends InputStream {

    static final int CAPACITY = 64;
    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>(CAPACITY);
    private byte[] current = new byte[0];
    private int position;
    private volatile boolean closed;

    /** False when the chunk was not taken within {@code wait} or the stream is closed. */
    boolean offer(byte[] bytes, Duration wait) throws InterruptedException {
        if (closed) {
            return false;
        }
        if (bytes.length == 0) {
            return true;
        }
        return chunks.offer(bytes.clone(), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (position >= current.length) {
            if (current == END) {
                return -1;
            }
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            position = 0;
            if (current == END) {
                return -1;
            }
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    /** Ends the stream: the copy thread reads the end and finishes. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            chunks.clear();
            chunks.offer(END);
        }
    }
}
