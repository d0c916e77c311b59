package io.berth.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import java.time.Duration;

/** Builds {@link DockerEngine}s. */
public final class DockerEngines {

    private static final int MAX_CONNECTIONS = 32;

    private DockerEngines() {
    }

    /** Connects lazily: nothing is sent until the first call, so an unreachable engine does not fail here. */
    public static DockerEngine connect(EngineConfig config) {
        DockerClientConfig clientConfig = clientConfig(config);
        // Two HTTP clients: ordinary calls are bounded by a response timeout; streams (events), pulls and stops
        // legitimately stay silent for long, so they use a client without one and bound themselves.
        DockerClient requests = client(clientConfig, config.connectTimeout(), config.responseTimeout());
        DockerClient streams = client(clientConfig, config.connectTimeout(), null);
        return new DockerJavaEngine(config, requests, streams);
    }

    static DockerClientConfig clientConfig(EngineConfig config) {
        // createDefaultConfigBuilder reads docker-java's own settings (e.g. api.version, registry auth);
        // host and TLS are then set explicitly so a stray DOCKER_HOST / DOCKER_TLS_VERIFY cannot redirect us.
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(config.endpoint())
                .withDockerTlsVerify(config.certDir() != null);
        if (config.certDir() != null) {
            builder.withDockerCertPath(config.certDir().toString());
        }
        if (config.apiVersion() != null) {
            builder.withApiVersion(config.apiVersion());
        }
        return builder.build();
    }

    private static DockerClient client(DockerClientConfig config, Duration connect, Duration response) {
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(MAX_CONNECTIONS)
                .connectionTimeout(connect)
                .responseTimeout(response)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
