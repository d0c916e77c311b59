package io.berth.docker;

import java.time.Instant;

/**
 * Which part of a container's output to read.
 *
 * @param follow keep streaming new output until the container stops
 * @param tail   only the last this many lines; null = all
 * @param since  only output from this instant on (whole seconds); null = from the start
 * @param timestamps prefix each line with the engine's RFC 3339 time of its write and a space
 */
public record LogRequest(boolean follow, Integer tail, Instant since, boolean timestamps) {

    public LogRequest(boolean follow, Integer tail, Instant since) {
        this(follow, tail, since, false);
    }

    public LogRequest {
        if (tail != null && tail < 0) {
            throw new IllegalArgumentException("tail must be 0 or more, got " + tail);
        }
    }
}
