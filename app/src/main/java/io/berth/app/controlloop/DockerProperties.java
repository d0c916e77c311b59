package io.berth.app.controlloop;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * berth.docker.*: the local engine Berth registers at start.
 *
 * @param registerLocal register {@code localEndpoint} as a container instance of {@code cluster}
 */
@ConfigurationProperties("berth.docker")
public record DockerProperties(Boolean registerLocal, String localEndpoint, String cluster) {

    public DockerProperties {
        registerLocal = registerLocal == null || registerLocal;
        localEndpoint = localEndpoint == null ? "unix:///var/run/docker.sock" : localEndpoint;
        cluster = cluster == null ? "default" : cluster;
    }
}
