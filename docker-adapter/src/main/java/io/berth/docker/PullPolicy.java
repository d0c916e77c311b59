package io.berth.docker;

/**
 * How images are fetched, after the ECS agent's ECS_IMAGE_PULL_BEHAVIOR.
 */
public enum PullPolicy {
    /** Try to pull; when the pull fails, use the locally cached image if there is one. */
    DEFAULT,
    /** Always pull; a failed pull is a failure even if a cached image exists. */
    ALWAYS,
    /** Pull only when this engine has no copy of the image yet. */
    ONCE,
    /** Use the cached image when present, pull otherwise. */
    PREFER_CACHED
}
