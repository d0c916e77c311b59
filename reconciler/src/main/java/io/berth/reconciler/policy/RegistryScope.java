package io.berth.reconciler.policy;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which registry an image reference pulls from, and whether a stored credential belongs to it. A credential is
 * sent only to its own registry: otherwise any task definition could hand the login to a registry of its choosing
 * by naming the credential next to an image there.
 *
 * <p>Registries are compared as {@code host[:port]}, lower case; Docker Hub's names (docker.io, index.docker.io,
 * registry-1.docker.io, or none) are one registry.
 */
public final class RegistryScope {

    static final String DOCKER_HUB = "docker.io";
    private static final Set<String> DOCKER_HUB_NAMES = Set.of(DOCKER_HUB, "index.docker.io", "registry-1.docker.io");

    private RegistryScope() {
    }

    /**
     * The registry of an image reference, by Docker's rule: the first path component is a registry when it has a dot
     * or a port, or is {@code localhost}; otherwise the image is on Docker Hub ({@code busybox}, {@code library/x}).
     */
    public static String registryOf(String image) {
        int slash = image.indexOf('/');
        if (slash > 0) {
            String first = image.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                return normalise(first);
            }
        }
        return DOCKER_HUB;
    }

    /** A credential's serverAddress as a registry: scheme and path dropped ("https://host/v1/"), Hub names unified. */
    public static String normalise(String serverAddress) {
        if (serverAddress == null || serverAddress.isBlank()) {
            return DOCKER_HUB;
        }
        String host = serverAddress.strip().toLowerCase(Locale.ROOT);
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int path = host.indexOf('/');
        if (path >= 0) {
            host = host.substring(0, path);
        }
        return DOCKER_HUB_NAMES.contains(host) || host.isEmpty() ? DOCKER_HUB : host;
    }

    /** Why the credential must not be sent with a pull of {@code image}; empty when it is for the image's registry. */
    public static Optional<String> mismatch(RegistryCredential credential, String image) {
        String own = normalise(credential.serverAddress());
        String wanted = registryOf(image);
        if (own.equals(wanted)) {
            return Optional.empty();
        }
        return Optional.of("credential \"" + credential.name() + "\" is for registry " + own + ", the image " + image
                + " is on " + wanted);
    }
}
