package io.berth.docker;

/**
 * A piece of a container's output as the engine sent it (a frame: not necessarily one line).
 *
 * @param stderr from the container's stderr, else stdout
 */
public record LogChunk(boolean stderr, byte[] bytes) {
}
