package io.berth.app.manifest;

/**
 * One offending field of a manifest.
 *
 * @param path    where the problem is, e.g. {@code documents[1].spec.containers[0].memory}
 * @param message what is wrong with it, e.g. {@code must be >= 4 MiB}
 */
public record FieldError(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
