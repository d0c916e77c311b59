package io.berth.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AuthConfig;

import java.time.Duration;

/**
 * The engine's images as {@link ImagePolicy} needs them: is one present, and pull one with the task's credential
 * only. Pulls run on the streaming client (no response timeout: a large layer may take long), bounded by the
 * engine's pull timeout instead.
 */
final class EngineImages implements ImagePolicy.ImageOps {

    private final EngineConfig config;
    private final DockerClient requests;
    private final DockerClient streams;
    private final ResilientCalls calls;

    EngineImages(EngineConfig config, DockerClient requests, DockerClient streams, ResilientCalls calls) {
        this.config = config;
        this.requests = requests;
        this.streams = streams;
        this.calls = calls;
    }

    @Override
    public boolean present(String image) {
        try {
            calls.idempotent("inspect image " + image, () -> requests.inspectImageCmd(image).exec());
            return true;
        } catch (EngineException e) {
            if (e.kind() == EngineException.Kind.NOT_FOUND || e.kind() == EngineException.Kind.IMAGE_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** Only the credential the task names, or none (no X-Registry-Auth header at all). */
    static AuthConfig authConfig(RegistryAuth auth) {
        return auth == null ? null : new AuthConfig().withRegistryAddress(auth.serverAddress())
                .withUsername(auth.username()).withPassword(auth.password());
    }

    @Override
    public void pull(String image, RegistryAuth auth) {
        ImageRef ref = ImageRef.parse(image);
        Duration limit = config.pullTimeout();
        try {
            calls.once("pull " + image, () -> {
                // Always set: docker-java otherwise fills in a login it found itself for the image's registry.
                var pull = streams.pullImageCmd(ref.repository()).withTag(ref.tag()).withAuthConfig(authConfig(auth));
                PullCallback callback = pull.exec(new PullCallback());
                callback.await(image, limit);
                return null;
            });
        } catch (EngineException e) {
            if (e.kind() == EngineException.Kind.UNREACHABLE || e.kind() == EngineException.Kind.CIRCUIT_OPEN
                    || e.getCause() == null) {
                throw e;
            }
            // Just the registry's words: this text ends up in a task's stoppedReason.
            throw new EngineException(e.kind(), EngineErrors.dockerMessage(e.getCause()), e);
        }
    }
}
