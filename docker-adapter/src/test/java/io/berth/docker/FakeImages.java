package io.berth.docker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The image side of {@link FakeDockerEngine}: images are present locally unless marked unavailable (then they exist
 * nowhere: not local, not in the registry); pulls succeed while the registry is reachable.
 * Results follow {@link PullPolicy} like the real adapter.
 */
final class FakeImages {

    private final Map<String, Boolean> available = new ConcurrentHashMap<>();
    private volatile boolean registryReachable = true;

    void setAvailable(String image, boolean value) {
        available.put(image, value);
    }

    void setRegistryReachable(boolean value) {
        registryReachable = value;
    }

    boolean present(String image) {
        return available.getOrDefault(image, true);
    }

    ImageResult ensure(String image, PullPolicy policy) {
        boolean local = present(image);
        if ((policy == PullPolicy.PREFER_CACHED || policy == PullPolicy.ONCE) && local) {
            return new ImageResult(true, false, "using cached image " + image);
        }
        if (registryReachable && local) {
            return new ImageResult(true, true, "pulled " + image);
        }
        String failure = registryReachable ? "manifest for " + image + " not found" : "fake registry unreachable";
        if (!local) {
            return new ImageResult(false, false, "image " + image + " not found locally and pull failed: " + failure);
        }
        if (policy == PullPolicy.ALWAYS) {
            return new ImageResult(false, false, "pull of " + image + " failed: " + failure);
        }
        return new ImageResult(true, false, "pull of " + image + " failed: " + failure + "; using cached image");
    }
}
