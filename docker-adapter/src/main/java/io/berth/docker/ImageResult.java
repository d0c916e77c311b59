package io.berth.docker;

/**
 * Outcome of {@link DockerEngine#ensureImage}. {@code available} says whether a container can be created
 * from the image now; {@code pulled} whether a pull succeeded; {@code message} explains a failed pull
 * (e.g. "pull failed: ...; using cached image") in words fit for a task's stoppedReason.
 */
public record ImageResult(boolean available, boolean pulled, String message) {
}
