package io.berth.reconciler.policy;

import java.util.Locale;

/**
 * The registry an image reference pulls from, by Docker's reference rules: the first path component is a registry
 * host only when it contains a "." or a ":" or is "localhost"; otherwise the image is on Docker Hub. Pure.
 */
public final class ImageRegistry {

    public static final String DOCKER_HUB = "docker.io";

    private ImageRegistry() {
    }

    /** "busybox:1.36" -> docker.io, "ghcr.io/o/i" -> ghcr.io, "localhost:5000/i" -> localhost:5000. */
    public static String of(String image) {
        String reference = image == null ? "" : image.strip();
        int slash = reference.indexOf('/');
        if (slash < 0) {
            return DOCKER_HUB;
        }
        String first = reference.substring(0, slash);
        boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
        return host ? normalize(first) : DOCKER_HUB;
    }

    /** Registry names compare case-insensitively; Docker Hub answers under several names. */
    public static String normalize(String registry) {
        String lower = registry == null ? "" : registry.strip().toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> DOCKER_HUB;
            default -> lower;
        };
    }
}
